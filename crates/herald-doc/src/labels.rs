//! Closed label inventories for the token table: Universal POS tags as an enum, Penn
//! Treebank tags and Universal Dependencies relations as interned `&'static str`.
//!
//! Labels are fixed inventories rather than strings so that a token table row costs a few
//! bytes, comparisons are pointer-cheap, and the rule-based stages (actors, events, quotes)
//! can `match` on them. A model whose label is not in an inventory maps it to the
//! inventory's fallback (`X`, `XX`, `dep`), so no label set can grow at run time.

/// A Universal Dependencies part-of-speech tag (the 17 of UD v2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // The variants are the UD tags themselves.
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    #[default]
    X,
}

impl Upos {
    /// Every tag, in the order of their `u8` values.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it (`"PROPN"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a UD tag; `None` for anything else.
    pub fn parse(tag: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == tag)
    }
}

/// Penn Treebank tags as UD English writes them in XPOS, plus `XX` as the fallback.
const XPOS: &[&str] = &[
    "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", ",", "NNS", "VB", "CC", "VBD", "VBP", "VBZ",
    "CD", "VBN", "VBG", "TO", "PRP$", "MD", "UH", ":", "-RRB-", "WDT", "-LRB-", "WRB", "``", "''",
    "HYPH", "RP", "WP", "POS", "NNPS", "JJR", "JJS", "EX", "RBR", "SYM", "FW", "NFP", "$", "PDT",
    "GW", "ADD", "RBS", "LS", "AFX", "WP$", "XX", "_",
];

/// Universal Dependencies relations, with the English subtypes of EWT and GUM.
const DEPREL: &[&str] = &[
    "punct",
    "case",
    "det",
    "nsubj",
    "root",
    "advmod",
    "amod",
    "obj",
    "obl",
    "conj",
    "nmod",
    "cc",
    "compound",
    "mark",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "acl:relcl",
    "flat",
    "ccomp",
    "acl",
    "parataxis",
    "nummod",
    "aux:pass",
    "appos",
    "nsubj:pass",
    "discourse",
    "obl:unmarked",
    "nmod:unmarked",
    "compound:prt",
    "expl",
    "fixed",
    "iobj",
    "list",
    "obl:agent",
    "dep",
    "reparandum",
    "csubj",
    "nmod:desc",
    "nsubj:outer",
    "advcl:relcl",
    "det:predet",
    "vocative",
    "goeswith",
    "cc:preconj",
    "orphan",
    "dislocated",
    "csubj:pass",
    "csubj:outer",
    "obl:tmod",
    "obl:npmod",
    "nmod:tmod",
    "nmod:npmod",
    "flat:foreign",
    "flat:name",
    "det:poss",
    "compound:lvc",
    "compound:svc",
    "compound:redup",
    "expl:pv",
    "expl:impers",
    "expl:pass",
    "aux:tense",
    "clf",
];

fn intern(inventory: &'static [&'static str], label: &str, fallback: &'static str) -> &'static str {
    inventory.iter().copied().find(|l| *l == label).unwrap_or(fallback)
}

/// The interned Penn tag equal to `tag`, or `"XX"` when the tag is not in the inventory.
pub fn intern_xpos(tag: &str) -> &'static str {
    intern(XPOS, tag, "XX")
}

/// The interned dependency relation equal to `rel`; an unknown subtype falls back to its
/// universal relation (`nmod:foo` → `nmod`), anything else to `"dep"`.
pub fn intern_deprel(rel: &str) -> &'static str {
    match DEPREL.iter().copied().find(|l| *l == rel) {
        Some(l) => l,
        None => match rel.split_once(':') {
            Some((base, _)) => intern(DEPREL, base, "dep"),
            None => "dep",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_round_trips() {
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
        }
        assert_eq!(Upos::parse("NOUNS"), None);
    }

    #[test]
    fn unknown_labels_fall_back() {
        assert_eq!(intern_xpos("NNP"), "NNP");
        assert_eq!(intern_xpos("BOGUS"), "XX");
        assert_eq!(intern_deprel("nsubj:pass"), "nsubj:pass");
        assert_eq!(intern_deprel("obl:weird"), "obl");
        assert_eq!(intern_deprel("weird"), "dep");
    }
}
