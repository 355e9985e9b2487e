//! Event coding groundwork: give me PETRARCH dictionaries and test records, I give you
//! CAMEO codes with their views, compiled verb patterns, and the validation suite.
//!
//! - [`CameoTable`]: every CAMEO event code → name, root, [`QuadClass`], Goldstein score
//!   and a [`Plover`] type; herald's copy is embedded ([`CameoTable::bundled`]).
//! - [`parse_verbs`] / [`read_verb_file`] read a PETRARCH/TABARI verb dictionary
//!   (`CAMEO.2.0.txt`) into a [`VerbDict`]: synonym sets, verb blocks with their default
//!   [`CodePair`], each verb's forms, and [`Pattern`]s as [`Element`] sequences before and
//!   after the verb with source/target slots. Bad lines become [`LineError`]s naming file
//!   and line; the rest is kept. [`VerbDict::write`] / [`VerbDict::read`] save and load it
//!   in herald's compact format (versioned, tab-separated, gzip-compressed text).
//! - [`parse_records`] / [`read_records_file`] read PETRARCH2's validation records
//!   (`PETR.UnitTest.records.xml`): id, category, date, text and expected codings.
//!
//! - [`code_events`]: the event coder over herald's parse and actor coder (see the
//!   `coder` module's documentation for the rules it follows).
//!
//! ```
//! use herald_events::{parse_verbs, CameoTable, Element, Term};
//! let text = "&FOOD\n+RICE\n\n--- GRANT [070] ---\nGIVE {GAVE GIVEN GIVING}\n- * &FOOD (TO +) [073]\n";
//! let parsed = parse_verbs(text, "mini.verbs");
//! assert!(parsed.errors.is_empty());
//! let dict = parsed.dict;
//! let give = dict.by_form("GAVE").next().unwrap();
//! assert_eq!(dict.default_code(give).to_string(), "070");
//! let p = &dict.patterns(give)[0];
//! assert_eq!(p.to_string(), "* &FOOD (TO +)");
//! assert!(matches!(&p.after[0], Element::Item(i) if i.term == Term::Synset("FOOD".into())));
//! assert_eq!(dict.expand_synset("FOOD"), [vec!["RICE".to_string()], vec!["RICES".to_string()]]);
//! let table = CameoTable::bundled();
//! let aid = table.get(p.code.active.unwrap()).unwrap();
//! assert_eq!((aid.root, aid.quad.number(), aid.plover.unwrap().name()), (7, 2, "AID"));
//! ```
#![deny(missing_docs)]

mod cameo;
mod code;
mod coder;
mod compact;
mod records;
mod verbs;

use std::fmt;

pub use cameo::{CameoEntry, CameoTable};
pub use code::{CodePair, EventCode, Plover, QuadClass};
pub use coder::{code_events, code_events_with, intent_code, EventNouns};
pub use records::{
    parse_records, read_records_file, Expected, ExpectedEvent, ParsedRecords, Record,
};
pub use verbs::{
    parse_verbs, parse_verbs_over, read_verb_file, Element, Item, NounEvent, ParsedVerbs, Pattern,
    Synset, SynsetMember, Term, Transformation, VerbBlock, VerbDict, VerbEntry, LIGHT_VERBS,
};

/// A line (or record) that could not be read and was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The file's name.
    pub file: String,
    /// 1-based line number (of the record's start, for XML records).
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

impl LineError {
    /// An error at `file:line`.
    pub fn new(file: &str, line: usize, reason: impl Into<String>) -> LineError {
        LineError { file: file.to_owned(), line, reason: reason.into() }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: line {}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for LineError {}

/// Reads a dictionary or records file as text, lossily (the PETRARCH files are ASCII with
/// the odd Latin-1 byte in comments: a lossy read keeps every line rather than refusing the
/// file), with the file name that line errors will carry.
pub(crate) fn read_source(path: &std::path::Path) -> Result<(String, String), EventsError> {
    let bytes = std::fs::read(path)
        .map_err(|source| EventsError::Io { path: path.display().to_string(), source })?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((String::from_utf8_lossy(&bytes).into_owned(), name))
}

/// Errors that stop a whole file from being read. Bad lines are not errors of this kind:
/// they are returned beside what was read.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A compact dictionary that is not one, is of an unknown version, or is damaged.
    #[error("{path}: line {line}: {reason}")]
    Format {
        /// The file (or `"bundled"`).
        path: String,
        /// 1-based line number in the decompressed text.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}
