//! Trains the sentence boundary model shipped in `crates/herald-text/model/boundaries.bin`.
//!
//! usage: `train_boundaries [--out FILE] [--epochs N] [--bits B] [--folds K]
//! [--threshold LOGIT] [--exclude SUBSTR] [CONLLU…]` — by default the UD English EWT and GUM training files
//! under `/work/shared/data` (never the dev or test files) and the shipped model path.
//! GUM news documents (`_news_` in the id) are the guard: the threshold, chosen by K-fold
//! cross-validation over documents, must keep their boundary F1 at the rules' level.
//! GUM's fiction and wikiHow documents (`GUM_fiction_`, `GUM_whow_`) are always left out:
//! they are CC BY-NC-SA, and herald's models are trained only on data that allows use under
//! CC BY-SA terms (as the tagger and parser in `models/README.md`). `--exclude SUBSTR`
//! (repeatable) leaves out more documents whose id contains it (`_news_`: a model for
//! checking news held out). Deterministic: the same files and settings give a byte-identical model.

use herald_text::{conllu_documents, train, TrainConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = TrainConfig::default();
    let mut out = concat!(env!("CARGO_MANIFEST_DIR"), "/model/boundaries.bin").to_string();
    let mut files = Vec::new();
    // Non-commercial licence: never trained on (see the module docs).
    let mut exclude: Vec<String> = vec!["GUM_fiction_".into(), "GUM_whow_".into()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = val()?,
            "--epochs" => cfg.epochs = val()?.parse()?,
            "--bits" => cfg.bits = val()?.parse()?,
            "--folds" => cfg.folds = val()?.parse()?,
            "--rate" => cfg.rate = val()?.parse()?,
            "--threshold" => cfg.threshold = Some(val()?.parse()?),
            "--exclude" => exclude.push(val()?),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}").into()),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        files = vec![
            "/work/shared/data/ud-english-ewt/en_ewt-ud-train.conllu".into(),
            "/work/shared/data/ud-english-gum/en_gum-ud-train.conllu".into(),
        ];
    }
    let mut docs = Vec::new();
    for f in &files {
        if f.contains("-dev") || f.contains("-test") {
            return Err(format!("{f}: train on training files only").into());
        }
        let text = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
        let mut d = conllu_documents(&text);
        d.retain(|doc| !exclude.iter().any(|x| doc.id.contains(x.as_str())));
        for doc in &mut d {
            doc.guard = doc.id.contains("_news_");
        }
        eprintln!("{f}: {} documents", d.len());
        docs.extend(d);
    }
    let (model, report) = train(&docs, &cfg);
    let (all, guard) = report.rules;
    let fmt = |c: herald_text::Counts| {
        let (p, r, f) = c.prf();
        format!("gold {:5} tp {:5} fp {:4}  P {p:.4} R {r:.4} F1 {f:.4}", c.gold, c.tp, c.fp)
    };
    eprintln!("candidates {}, positives {}", report.candidates, report.positives);
    eprintln!("rules            all   {}", fmt(all));
    eprintln!("rules            guard {}", fmt(guard));
    for row in &report.sweep {
        let mark = if row.threshold == report.threshold { " <" } else { "" };
        eprintln!("cv th {:6.2}  all   {}{mark}", row.threshold, fmt(row.all));
        eprintln!("cv th {:6.2}  guard {}", row.threshold, fmt(row.guard));
    }
    let bytes = model.to_bytes();
    eprintln!(
        "threshold {:.2} (logit), {} non-zero weights, {} bytes -> {out}",
        report.threshold,
        report.nonzero,
        bytes.len()
    );
    std::fs::write(&out, bytes)?;
    Ok(())
}
