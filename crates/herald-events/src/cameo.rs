//! The CAMEO event code table: code → name, root, quad class, Goldstein score, PLOVER type.
//!
//! herald ships its own copy (`data/cameo-codes.tsv`, embedded with `include_str!`),
//! generated from the shared CAMEO table by [`CameoTable::from_source_tsv`] and
//! [`CameoTable::to_tsv`]; a test checks that the two agree when the source is present.

use std::collections::BTreeMap;

use crate::{EventCode, LineError, Plover, QuadClass};

/// The bundled table in herald's format.
const BUNDLED: &str = include_str!("../data/cameo-codes.tsv");
const HEADER: &str = "code\troot\tquad\tgoldstein\tplover\tname";
const MAGIC: &str = "# herald-cameo 1";

/// One CAMEO event code and its views.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoEntry {
    /// The code (`0256`).
    pub code: EventCode,
    /// The codebook's name ("Appeal for de-escalation of military engagement").
    pub name: String,
    /// The two-digit root, 1–20.
    pub root: u8,
    /// Quad class.
    pub quad: QuadClass,
    /// Goldstein conflict–cooperation score, −10 … +10.
    pub goldstein: f32,
    /// PLOVER event type, where PLOVER has one (see [`Plover::of_cameo`]).
    pub plover: Option<Plover>,
}

/// Every CAMEO event code, looked up by code.
#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    entries: BTreeMap<EventCode, CameoEntry>,
}

impl CameoTable {
    /// The table shipped inside herald.
    pub fn bundled() -> CameoTable {
        // The bundled file is generated and checked by a test, so errors cannot occur;
        // were it damaged, the good lines would still be kept.
        Self::parse(BUNDLED, "bundled cameo-codes.tsv").0
    }

    /// Reads herald's table format (see `data/cameo-codes.tsv`); `name` names the file in
    /// errors. Bad lines are returned and skipped.
    pub fn parse(text: &str, name: &str) -> (CameoTable, Vec<LineError>) {
        let mut table = CameoTable::default();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line == HEADER || line.trim().is_empty() {
                continue;
            }
            let bad = |reason: &str| LineError::new(name, i + 1, reason);
            let f: Vec<&str> = line.split('\t').collect();
            let [code, root, quad, gold, plover, desc] = f.as_slice() else {
                errors.push(bad("expected 6 tab-separated fields"));
                continue;
            };
            let Some(code) = EventCode::parse(code) else {
                errors.push(bad("bad code"));
                continue;
            };
            let quad = quad.parse().ok().and_then(QuadClass::from_number);
            let (Ok(root), Some(quad), Ok(goldstein)) = (root.parse::<u8>(), quad, gold.parse())
            else {
                errors.push(bad("bad root, quad class or Goldstein score"));
                continue;
            };
            let plover = match *plover {
                "-" => None,
                p => match Plover::from_name(p) {
                    Some(p) => Some(p),
                    None => {
                        errors.push(bad("unknown PLOVER type"));
                        continue;
                    }
                },
            };
            let name = (*desc).to_owned();
            table.entries.insert(code, CameoEntry { code, name, root, quad, goldstein, plover });
        }
        (table, errors)
    }

    /// Reads the shared source table (`cameo-event-codes.tsv`: code, root, quad_class,
    /// goldstein, description) and adds the PLOVER view. A line whose root or quad class
    /// disagrees with its code is an error and skipped: the table is the authority on
    /// scores and names, not on arithmetic.
    pub fn from_source_tsv(text: &str, name: &str) -> (CameoTable, Vec<LineError>) {
        let mut table = CameoTable::default();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if i == 0 && line.starts_with("code\t") || line.trim().is_empty() {
                continue;
            }
            let bad = |reason: String| LineError::new(name, i + 1, reason);
            let f: Vec<&str> = line.split('\t').collect();
            let [code, root, quad, gold, desc] = f.as_slice() else {
                errors.push(bad("expected 5 tab-separated fields".into()));
                continue;
            };
            let Some(code) = EventCode::parse(code.trim()) else {
                errors.push(bad(format!("bad code {code:?}")));
                continue;
            };
            let root_ok = root.trim().parse::<u8>().ok() == Some(code.root());
            let quad = quad.trim().parse().ok().and_then(QuadClass::from_number);
            if !root_ok || quad.is_none() || quad != QuadClass::of_root(code.root()) {
                errors.push(bad(format!("root or quad class disagrees with code {code}")));
                continue;
            }
            let Ok(goldstein) = gold.trim().parse::<f32>() else {
                errors.push(bad(format!("bad Goldstein score {gold:?}")));
                continue;
            };
            if !(-10.0..=10.0).contains(&goldstein) {
                errors.push(bad(format!("Goldstein score {goldstein} outside -10..10")));
                continue;
            }
            let entry = CameoEntry {
                code,
                name: desc.trim().to_owned(),
                root: code.root(),
                quad: quad.unwrap_or(QuadClass::VerbalCooperation),
                goldstein,
                plover: Plover::of_cameo(code),
            };
            table.entries.insert(code, entry);
        }
        (table, errors)
    }

    /// Writes the table in herald's format (what `data/cameo-codes.tsv` holds).
    pub fn to_tsv(&self) -> String {
        let mut out = format!(
            "{MAGIC} — CAMEO event codes for herald, generated from ../shared/data/cameo/cameo-event-codes.tsv\n\
             # (GDELT 2.0 lookup tables; CAMEO codebook 1.1b3, Schrodt 2012). PLOVER column: herald's mapping,\n\
             # see crates/herald-events/README.md. Regenerate: HERALD_REGENERATE=1 cargo test -p herald-events bundled\n\
             {HEADER}\n"
        );
        for e in self.entries.values() {
            let plover = e.plover.map_or("-", Plover::name);
            out.push_str(&format!(
                "{}\t{:02}\t{}\t{}\t{}\t{}\n",
                e.code,
                e.root,
                e.quad.number(),
                e.goldstein,
                plover,
                e.name
            ));
        }
        out
    }

    /// The entry for a code, if the table has it.
    pub fn get(&self, code: EventCode) -> Option<&CameoEntry> {
        self.entries.get(&code)
    }

    /// The entry for the most specific known code: `0256` if listed, else `025`, else `02`.
    /// Dictionaries carry codes that are not in the codebook (`0874` is, `1734` is not),
    /// and the root still gives quad class and PLOVER type.
    pub fn get_nearest(&self, code: EventCode) -> Option<&CameoEntry> {
        let s = code.as_str();
        (2..=s.len()).rev().find_map(|n| self.get(EventCode::parse(&s[..n])?))
    }

    /// All entries, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CameoEntry> {
        self.entries.values()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no codes.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_is_complete_and_clean() {
        let (table, errors) = CameoTable::parse(BUNDLED, "bundled");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(table.len() > 300, "{}", table.len());
        let e = table.get(EventCode::parse("163").unwrap()).unwrap();
        assert_eq!((e.root, e.quad.number(), e.plover), (16, 4, Some(Plover::Sanction)));
        let near = table.get_nearest(EventCode::parse("0429").unwrap()).unwrap();
        assert_eq!(near.code.as_str(), "042");
        for root in 1..=20u8 {
            let code = EventCode::parse(&format!("{root:02}")).unwrap();
            assert!(table.get(code).is_some(), "root {root} missing");
        }
    }

    /// The bundled file is what the generator makes from the shared source; set
    /// `HERALD_REGENERATE=1` to rewrite it after changing the source or the mapping.
    #[test]
    fn bundled_table_matches_the_shared_source() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = dir.join("../../../shared/data/cameo/cameo-event-codes.tsv");
        let Ok(text) = std::fs::read_to_string(&src) else {
            eprintln!("skipped: {} absent", src.display());
            return;
        };
        let (table, errors) = CameoTable::from_source_tsv(&text, "cameo-event-codes.tsv");
        assert!(errors.is_empty(), "{errors:?}");
        let generated = table.to_tsv();
        if std::env::var_os("HERALD_REGENERATE").is_some() {
            std::fs::write(dir.join("data/cameo-codes.tsv"), &generated).unwrap();
        } else {
            assert!(
                generated == BUNDLED,
                "data/cameo-codes.tsv is stale: run with HERALD_REGENERATE=1"
            );
        }
    }

    #[test]
    fn source_lines_that_disagree_are_named_and_skipped() {
        let text = "code\troot\tquad_class\tgoldstein\tdescription\n\
                    042\t04\t1\t1.9\tMake a visit\n\
                    043\t04\t3\t2.8\tHost a visit\n\
                    x\t04\t1\t1\tbad\n\
                    044\t04\t1\tmany\tMeet\n";
        let (table, errors) = CameoTable::from_source_tsv(text, "t.tsv");
        assert_eq!(table.len(), 1);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errors[0].to_string().starts_with("t.tsv: line 3:"), "{}", errors[0]);
    }
}
