//! Development driver (the `herald` CLI has the same commands):
//! `syntax tagger|parser OUT_DIR DEV TRAIN...`, `syntax eval MODEL_DIR GOLD`,
//! `syntax parse MODEL_DIR FILE`, `syntax setbeam SRC DST K MARGIN` (a parser file with
//! another decoding). Training knobs by environment: `PARSE_EPOCHS`, `JACKKNIFE`,
//! `JK_EPOCHS`, `TAG_EPOCHS`, `BEAM` (beam width: global training and beam decoding);
//! `PRUNES="1.5 1.65"` also saves the parser pruned at each threshold (`OUT_DIR/p1.5/`, …)
//! and scores it on `DEVS` (space-separated CoNLL-U files). `DECODE_BEAM=k` and
//! `DECODE_MARGIN=x` make `eval` decode with width k and score margin x. `tagger` scores the
//! new tagger on `DEVS` (space-separated CoNLL-U files; default the DEV argument), trained with
//! `TAG_SEED` (default 1) with the shipped recipe or `TAG_RECIPE=bi` (the bidirectional one;
//! single settings: `TAG_BIDI=0|1`, `TAG_TEMPLATES=1|2`, `TAG_MIN_ABS`: pruning at training;
//! the parser's jackknife taggers use the same recipe), and also saves and scores copies pruned at each of `TAG_PRUNES`
//! (`OUT_DIR/tp1/`, …).

use std::path::{Path, PathBuf};
use std::time::Instant;

use herald_syntax::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    match args[0].as_str() {
        "tagger" | "parser" | "both" => {
            let out = Path::new(&args[1]);
            let dev = read_corpus(&[PathBuf::from(&args[2])], &[]).unwrap().sentences;
            let paths: Vec<PathBuf> = args[3..].iter().map(PathBuf::from).collect();
            let train = read_corpus(&paths, NON_COMMERCIAL_DOCS).unwrap();
            eprintln!(
                "train: {} sentences, {} words, {} excluded",
                train.sentences.len(),
                train.n_words(),
                train.excluded
            );
            // TAG_RECIPE=bi: the bidirectional recipe, then TAG_BIDI, TAG_TEMPLATES and
            // TAG_MIN_ABS (pruning at training) change single settings.
            let base = match std::env::var("TAG_RECIPE").as_deref() {
                Ok("bi") => TaggerConfig::bidirectional(),
                _ => TaggerConfig::default(),
            };
            let tcfg = TaggerConfig {
                epochs: env("TAG_EPOCHS", 10),
                seed: env("TAG_SEED", 1) as u64,
                bidirectional: env("TAG_BIDI", base.bidirectional as usize) != 0,
                templates: env("TAG_TEMPLATES", base.templates as usize) as u32,
                prune: herald_ml::Prune {
                    min_abs: std::env::var("TAG_MIN_ABS")
                        .map_or(base.prune.min_abs, |v| v.parse().unwrap()),
                    ..base.prune
                },
                ..base.clone()
            };
            let t0 = Instant::now();
            let tagger = if args[0] != "parser" {
                let t = train_tagger(&train.sentences, &tcfg, &Progress::stderr());
                t.save(std::fs::File::create(out.join(TAGGER_FILE)).unwrap()).unwrap();
                eprintln!("tagger trained in {:.1}s", t0.elapsed().as_secs_f64());
                t
            } else {
                Tagger::load(std::fs::File::open(out.join(TAGGER_FILE)).unwrap()).unwrap()
            };
            if args[0] == "tagger" {
                let devs: Vec<String> = match std::env::var("DEVS") {
                    Ok(d) => d.split_whitespace().map(String::from).collect(),
                    Err(_) => args[2..3].to_vec(),
                };
                // TAG_PRUNES="0.5 1": also score (and save as OUT_DIR/tpX/) pruned copies.
                let mut variants = vec![("full".to_string(), tagger.clone())];
                for t in std::env::var("TAG_PRUNES").unwrap_or_default().split_whitespace() {
                    let p = tagger.pruned(t.parse().unwrap());
                    let dir = out.join(format!("tp{t}"));
                    std::fs::create_dir_all(&dir).unwrap();
                    p.save(std::fs::File::create(dir.join(TAGGER_FILE)).unwrap()).unwrap();
                    let size = std::fs::metadata(dir.join(TAGGER_FILE)).unwrap().len();
                    variants.push((format!("prune {t} ({:.2} MB)", size as f64 / 1e6), p));
                }
                for (name, tagger) in &variants {
                    for devp in &devs {
                        let dev = read_corpus(&[PathBuf::from(devp)], &[]).unwrap().sentences;
                        let (mut n, mut u, mut x, mut l) = (0, 0, 0, 0);
                        let t0 = Instant::now();
                        for s in &dev {
                            let forms: Vec<&str> =
                                s.words.iter().map(|w| w.form.as_str()).collect();
                            let tags = tagger.tag(&forms);
                            for (w, t) in s.words.iter().zip(tags) {
                                n += 1;
                                u += (tagger.upos(t) == w.upos) as usize;
                                x += (tagger.xpos(t) == w.xpos) as usize;
                                l += (tagger.lemma(&w.form, t) == w.lemma) as usize;
                            }
                        }
                        let f = |a: usize| a as f64 / n as f64;
                        eprintln!(
                            "{name}: {devp}: upos {:.4} xpos {:.4} lemma {:.4} ({:.0} words/s)",
                            f(u),
                            f(x),
                            f(l),
                            n as f64 / t0.elapsed().as_secs_f64()
                        );
                    }
                }
                return;
            }
            let parser = if args[0] != "tagger" {
                let t0 = Instant::now();
                let pcfg = ParserConfig {
                    epochs: env("PARSE_EPOCHS", 12),
                    jackknife: env("JACKKNIFE", 4),
                    beam: env("BEAM", 1),
                    ..Default::default()
                };
                let jcfg = TaggerConfig { epochs: env("JK_EPOCHS", 5), ..tcfg.clone() };
                let p = train_parser(&train.sentences, &pcfg, &jcfg, &Progress::stderr());
                eprintln!("parser trained in {:.1}s", t0.elapsed().as_secs_f64());
                // PRUNES="1.5 2": save and score a pruned copy at each threshold (DEVS: the
                // dev files to score, space-separated; default the DEV argument).
                if let Ok(prunes) = std::env::var("PRUNES") {
                    let devs = std::env::var("DEVS").unwrap_or_else(|_| args[2].clone());
                    for t in prunes.split_whitespace() {
                        let dir = out.join(format!("p{t}"));
                        std::fs::create_dir_all(&dir).unwrap();
                        let m =
                            Models { tagger: tagger.clone(), parser: p.pruned(t.parse().unwrap()) };
                        m.save(&dir).unwrap();
                        let size = std::fs::metadata(dir.join(PARSER_FILE)).unwrap().len();
                        eprintln!("prune {t}: {:.2} MB", size as f64 / 1e6);
                        for d in devs.split_whitespace() {
                            let gold = read_corpus(&[PathBuf::from(d)], &[]).unwrap().sentences;
                            let s = evaluate(&m, &gold);
                            eprintln!("prune {t}: {d}: UAS {:.4} LAS {:.4}", s.uas, s.las);
                        }
                    }
                }
                p.save(std::fs::File::create(out.join(PARSER_FILE)).unwrap()).unwrap();
                p
            } else {
                Parser::load(std::fs::File::open(out.join(PARSER_FILE)).unwrap()).unwrap()
            };
            let m = Models { tagger, parser };
            eprintln!("dev: {:?}", evaluate(&m, &dev));
        }
        "eval" => {
            let mut m = Models::load(Path::new(&args[1])).unwrap();
            // DECODE_BEAM=k: decode with another beam width than the model's.
            if let Ok(k) = std::env::var("DECODE_BEAM") {
                m.parser = m.parser.with_beam(k.parse().unwrap());
            }
            // DECODE_MARGIN=x: beam decoding drops candidates x behind the best.
            if let Ok(x) = std::env::var("DECODE_MARGIN") {
                m.parser = m.parser.with_margin(x.parse().unwrap());
            }
            for g in &args[2..] {
                let gold = read_corpus(&[PathBuf::from(g)], &[]).unwrap().sentences;
                let t0 = Instant::now();
                let s = evaluate(&m, &gold);
                eprintln!(
                    "{g}: {s:?} ({:.0} words/s incl. eval)",
                    s.words as f64 / t0.elapsed().as_secs_f64()
                );
            }
        }
        "goldtags" => {
            let m = Models::load(Path::new(&args[1])).unwrap();
            let gold = read_corpus(&[PathBuf::from(&args[2])], &[]).unwrap().sentences;
            let (mut n, mut uas, mut las) = (0, 0, 0);
            for s in &gold {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
                let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
                let arcs = m.parser.parse(&forms, &xpos, &upos);
                for (w, a) in s.words.iter().zip(arcs) {
                    n += 1;
                    if w.head == Some(a.head) {
                        uas += 1;
                        let base = |d: &str| d.split(':').next().unwrap().to_string();
                        las += (base(&w.deprel) == base(m.parser.label_name(a.label))) as usize;
                    }
                }
            }
            eprintln!(
                "gold tags: UAS {:.4} LAS {:.4}",
                uas as f64 / n as f64,
                las as f64 / n as f64
            );
        }
        "parse" => {
            let m = Models::load(Path::new(&args[1])).unwrap();
            let gold = read_corpus(&[PathBuf::from(&args[2])], &[]).unwrap().sentences;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for mut s in gold {
                m.annotate_sentence(&mut s);
                herald_ml::conllu::write_sentence(&mut out, &s).unwrap();
            }
        }
        "setbeam" => {
            // setbeam SRC_PARSER DST_PARSER K MARGIN: the same weights, another decoding.
            let p = Parser::load(std::fs::File::open(&args[1]).unwrap()).unwrap();
            let p = p.with_beam(args[3].parse().unwrap()).with_margin(args[4].parse().unwrap());
            p.save(std::fs::File::create(&args[2]).unwrap()).unwrap();
        }
        "prune" => {
            let m = Models::load(Path::new(&args[1])).unwrap();
            let t: f32 = args[3].parse().unwrap();
            let p: f32 = args[4].parse().unwrap();
            let m2 = Models { tagger: m.tagger.pruned(t), parser: m.parser.pruned(p) };
            m2.save(Path::new(&args[2])).unwrap();
        }
        _ => panic!("unknown command"),
    }
}
