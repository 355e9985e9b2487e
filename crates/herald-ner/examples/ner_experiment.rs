//! Development driver: train on the given files, score on a dev file, optionally save.
//! `cargo run --release -p herald-ner --example ner_experiment -- --data DIR --dev DEV
//! [--epochs N] [--no-gaz] [--out FILE] TRAIN...`
use std::path::PathBuf;
use std::time::Instant;

use herald_ner::{recipe, sources::GazetteerSources, train, TrainConfig};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut data, mut dev, mut out, mut trains) = (None, None, None, Vec::new());
    let mut dump: Option<PathBuf> = None;
    let mut cfg = TrainConfig::default();
    let mut src = GazetteerSources::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().map(PathBuf::from),
            "--dev" => dev = args.next().map(PathBuf::from),
            "--dump" => dump = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--epochs" => cfg.epochs = args.next().unwrap().parse().unwrap(),
            "--no-gaz" => data = None,
            "--no-actors" => src.actors = false,
            "--no-cities" => src.cities = None,
            "--cities" => src.cities = args.next(),
            "--min-updates" => cfg.prune.min_updates = args.next().unwrap().parse().unwrap(),
            "--seed" => cfg.seed = args.next().unwrap().parse().unwrap(),
            "--min-abs" => cfg.prune.min_abs = args.next().unwrap().parse().unwrap(),
            _ => trains.push(PathBuf::from(a)),
        }
    }
    let t = Instant::now();
    let corpus = recipe::read_all(&trains).unwrap();
    eprintln!(
        "train: {} sentences, {} tokens, {} skipped",
        corpus.sentences.len(),
        corpus.tokens(),
        corpus.skipped.len()
    );
    let gaz = recipe::gazetteer_for(&corpus.sentences, data.as_deref(), &src).unwrap();
    eprintln!("gazetteer: {} keys ({:.1}s)", gaz.len(), t.elapsed().as_secs_f64());
    let ner = train(&corpus.sentences, gaz, &cfg, |e| {
        eprintln!("epoch {} acc {:.4} ({:.1}s)", e.epoch, e.accuracy, t.elapsed().as_secs_f64())
    });
    eprintln!("features: {:?}", ner.size());
    if let Some(dev) = dev {
        let gold = recipe::read_any(&dev).unwrap();
        let t2 = Instant::now();
        let scores = recipe::evaluate(&ner, &gold.sentences, std::env::var_os("NODOC").is_none());
        let secs = t2.elapsed().as_secs_f64();
        print!("{}", scores.table());
        if let Some(d) = &dump {
            use std::io::Write;
            let mut f = std::io::BufWriter::new(std::fs::File::create(d).unwrap());
            let mut sc = herald_ner::Scratch::default();
            for s in &gold.sentences {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                let p = ner.bio(&toks, &mut sc);
                let g = herald_ner::bio_tags(toks.len(), &s.spans);
                for i in 0..toks.len() {
                    writeln!(
                        f,
                        "{} {} {}{}",
                        toks[i],
                        g[i],
                        p[i],
                        if g[i] != p[i] { "  <<<" } else { "" }
                    )
                    .unwrap();
                }
                writeln!(f).unwrap();
            }
        }
        eprintln!(
            "dev: {} tokens in {:.3}s = {:.0} words/s",
            gold.tokens(),
            secs,
            gold.tokens() as f64 / secs
        );
    }
    if let Some(out) = out {
        ner.save(&out).unwrap();
        eprintln!("saved {} ({} bytes)", out.display(), std::fs::metadata(&out).unwrap().len());
    }
}
