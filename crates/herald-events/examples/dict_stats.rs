//! Prints what herald reads from PETRARCH2's dictionaries and validation records, so the
//! readers can be checked by eye: counts of verbs, patterns, synonym sets, codes per root,
//! validation records per category, and every skipped line.
//!
//! ```text
//! cargo run -p herald-events --example dict_stats -- [PETRARCH2_DATA_DIR]
//! ```
//! The directory defaults to `../shared/data/petrarch2` beside the checkout.

use std::collections::BTreeMap;
use std::path::PathBuf;

use herald_events::{read_records_file, read_verb_file, CameoTable, Expected, VerbDict};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2")
    });
    let table = CameoTable::bundled();
    println!("CAMEO table: {} codes", table.len());
    for file in ["CAMEO.2.0.txt", "PETR.Validate.verbs.txt"] {
        let parsed = read_verb_file(&dir.join(file))?;
        report(&parsed.dict, &table);
        println!("  skipped lines: {}", parsed.errors.len());
        for e in &parsed.errors {
            println!("    {e}");
        }
        let mut bytes = Vec::new();
        parsed.dict.write(&mut bytes)?;
        println!("  compact size: {} bytes gzip", bytes.len());
    }
    let records = read_records_file(&dir.join("PETR.UnitTest.records.xml"))?;
    println!("validation records: {}", records.records.len());
    let mut per: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for r in &records.records {
        let c = per.entry(r.category.as_str()).or_default();
        c[0] += 1;
        match &r.expected {
            Expected::Events(ev) => c[1] += ev.len(),
            Expected::NoEvent => c[2] += 1,
            Expected::Error(_) => c[3] += 1,
        }
    }
    println!(
        "  {:<12} {:>7} {:>7} {:>8} {:>6}",
        "category", "records", "events", "no-event", "error"
    );
    for (cat, [n, ev, none, err]) in &per {
        println!("  {cat:<12} {n:>7} {ev:>7} {none:>8} {err:>6}");
    }
    println!("  skipped records: {}", records.errors.len());
    for e in &records.errors {
        println!("    {e}");
    }
    Ok(())
}

fn report(dict: &VerbDict, table: &CameoTable) {
    let compound =
        dict.verbs().iter().filter(|v| !v.before.is_empty() || !v.after.is_empty()).count();
    let lemmas: std::collections::BTreeSet<&str> =
        dict.verbs().iter().map(|v| v.lemma.as_str()).collect();
    println!("{}:", dict.source());
    println!(
        "  blocks {}  verbs {} ({} multi-word, {} distinct lemmas)  patterns {}  synsets {} ({} members)  transformations {}  noun events {}",
        dict.blocks().len(),
        dict.verbs().len(),
        compound,
        lemmas.len(),
        dict.pattern_count(),
        dict.synsets().len(),
        dict.synsets().iter().map(|s| s.members.len()).sum::<usize>(),
        dict.transformations().len(),
        dict.noun_events().len(),
    );
    let mut first_block = std::collections::HashMap::new();
    let in_several = dict
        .verbs()
        .iter()
        .filter(|v| {
            let key = (v.before.clone(), v.lemma.clone(), v.after.clone());
            *first_block.entry(key).or_insert(v.block) != v.block
        })
        .count();
    println!("  verbs listed in more than one block: {in_several}");
    // Codes per root over patterns and verbs' own or block codes (active and passive parts).
    let mut per_root: BTreeMap<u8, usize> = BTreeMap::new();
    let mut unknown = 0;
    let codes = dict
        .blocks()
        .iter()
        .flat_map(|b| std::iter::once(b.code).chain(b.patterns.iter().map(|p| p.code)))
        .chain(dict.verbs().iter().filter_map(|v| v.code));
    for c in codes {
        for code in [c.active, c.passive].into_iter().flatten() {
            *per_root.entry(code.root()).or_default() += 1;
            if table.get_nearest(code).is_none() {
                unknown += 1;
            }
        }
    }
    let roots: Vec<String> = per_root.iter().map(|(r, n)| format!("{r:02}:{n}")).collect();
    println!("  codes per root: {}", roots.join(" "));
    println!("  codes not in the CAMEO table (even by root): {unknown}");
}
