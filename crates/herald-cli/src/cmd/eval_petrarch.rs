//! `herald eval petrarch`: PETRARCH2's validation records, coded from their text by
//! herald's whole pipeline with the dictionaries the records file names.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use herald::petrarch::{self, CategoryScore, RecordOutcome};

use super::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// The records file (`PETR.UnitTest.records.xml`); its dictionaries are read beside it
    #[arg(value_name = "RECORDS")]
    records: PathBuf,
    /// Print every failing record: text, expected and coded events, and a diagnosis
    #[arg(long)]
    failures: bool,
    /// With --failures: also print herald's dependency parse of each failing record
    #[arg(long, requires = "failures")]
    parse: bool,
    /// With --failures: only the records whose id starts with this
    #[arg(long, value_name = "ID", requires = "failures")]
    record: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let t0 = Instant::now();
    let report = petrarch::validate(&args.records)
        .with_context(|| format!("validating {}", args.records.display()))?;
    for line in &report.skipped {
        eprintln!("herald: skipped {line}");
    }
    if args.failures {
        let wanted = |o: &&RecordOutcome| {
            args.record.as_deref().is_none_or(|id| o.record.id.starts_with(id))
        };
        for o in report.failures().filter(wanted) {
            print_failure(o);
            if args.parse {
                print!("{}", o.parse);
            }
        }
    }
    println!(
        "{:<10} {:>7} {:>7} {:>7} {:>15} {:>7}",
        "category", "records", "passed", "rate", "found/expected", "recall"
    );
    let row = |c: &CategoryScore| {
        let recall = if c.expected == 0 { 1.0 } else { c.found as f64 / c.expected as f64 };
        println!(
            "{:<10} {:>7} {:>7} {:>6.1}% {:>15} {:>6.1}%",
            c.category,
            c.records,
            c.passed,
            c.pass_rate() * 100.0,
            format!("{}/{}", c.found, c.expected),
            recall * 100.0
        );
    };
    report.categories().iter().for_each(row);
    row(&report.total());
    // The suite tests its pattern machinery with codes CAMEO does not have (901, 345):
    // the records herald could pass at all.
    let table = herald::events::CameoTable::bundled();
    let cameo_only = |o: &&RecordOutcome| {
        o.expected_events().iter().all(|e| table.get_nearest(e.code).is_some())
    };
    let counted: Vec<&RecordOutcome> =
        report.outcomes.iter().filter(|o| !o.is_error_record()).filter(cameo_only).collect();
    let passed = counted.iter().filter(|o| o.passed()).count();
    println!(
        "{:<10} {:>7} {:>7} {:>6.1}%   (records expecting CAMEO codes only)",
        "cameo",
        counted.len(),
        passed,
        if counted.is_empty() { 0.0 } else { passed as f64 / counted.len() as f64 * 100.0 }
    );
    let errors: Vec<&str> = report.error_records().map(|o| o.record.id.as_str()).collect();
    if !errors.is_empty() {
        println!("not counted (records testing PETRARCH input errors): {}", errors.join(" "));
    }
    if args.failures {
        let mut causes: Vec<(&str, usize)> = Vec::new();
        for d in report.failures().filter_map(|o| o.diagnosis) {
            match causes.iter_mut().find(|(n, _)| *n == d.name()) {
                Some((_, k)) => *k += 1,
                None => causes.push((d.name(), 1)),
            }
        }
        causes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let causes: Vec<String> = causes.iter().map(|(n, k)| format!("{n} {k}")).collect();
        println!("failure causes: {}", causes.join(", "));
    }
    eprintln!("({} records in {:.1} s)", report.outcomes.len(), t0.elapsed().as_secs_f64());
    Ok(if report.skipped.is_empty() { Outcome::Clean } else { Outcome::Skipped })
}

fn print_failure(o: &RecordOutcome) {
    let r = &o.record;
    let c = &o.comparison;
    println!(
        "{} [{}] {} found {}/{}",
        r.id,
        r.category,
        o.diagnosis.map_or("?", |d| d.name()),
        c.found,
        c.expected
    );
    println!("  text: {}", r.text);
    let entities: Vec<String> = o
        .entities
        .iter()
        .map(|(name, code)| format!("{name}={}", code.as_deref().unwrap_or("-")))
        .collect();
    println!("  entities: {}", entities.join(", "));
    if o.expected_events().is_empty() {
        println!("  expected: no event");
    }
    for e in o.expected_events() {
        println!("  expected: {} {} {}", e.source, e.target, e.code.as_str());
    }
    if o.got.is_empty() {
        println!("  got: no event");
    }
    for g in &o.got {
        println!("  got:      {} {} {}  ({})", g.source, g.target, g.code, g.rule);
    }
}
