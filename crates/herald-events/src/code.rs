//! CAMEO event codes as small `Copy` values, their pairs in dictionaries, and the two
//! coarse views of a code: the quad class and the PLOVER event type.

use std::fmt;

/// A CAMEO event code: two to four decimal digits (`04`, `042`, `0256`). The leading zero
/// matters (`042` is not `42`), so the digits are kept as written, not as a number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventCode {
    digits: [u8; 4],
    len: u8,
}

impl EventCode {
    /// Parses `"042"`; `None` unless the text is two to four ASCII digits.
    pub fn parse(s: &str) -> Option<EventCode> {
        let b = s.as_bytes();
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut digits = [0u8; 4];
        digits[..b.len()].copy_from_slice(b);
        Some(EventCode { digits, len: b.len() as u8 })
    }

    /// The code as written (`"042"`).
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored, so this cannot fail.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// The two-digit root (`"04"` for `"0423"`) as a number, 1–20 for CAMEO codes.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventCode({})", self.as_str())
    }
}

/// A dictionary code as PETRARCH writes it: `[042]`, `[042:043]`, `[:173]`, `[---]`.
///
/// The part before the colon is the *active* code (source acts on target); the part after
/// it, the *passive* code, is the event the same words state in the other direction
/// (`- * (TO) [042:043]`: "X rushes to Y" is X visits Y, 042, and Y hosts X, 043).
/// `[---]` is the null code: the words make no event on their own. Both parts `None`
/// means null.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CodePair {
    /// Source → target code.
    pub active: Option<EventCode>,
    /// Target → source code, when the words also state the reverse event.
    pub passive: Option<EventCode>,
}

impl CodePair {
    /// The null code `---`.
    pub const NULL: CodePair = CodePair { active: None, passive: None };

    /// Parses the inside of `[...]`: `042`, `042:043`, `:173`, `---`. A trailing `!`
    /// (one TABARI-era pattern has `[080!]`; PETRARCH2 gives it no meaning) is dropped.
    pub fn parse(s: &str) -> Option<CodePair> {
        let s = s.trim();
        let s = s.strip_suffix('!').unwrap_or(s);
        if s == "---" {
            return Some(CodePair::NULL);
        }
        let part = |p: &str| -> Option<Option<EventCode>> {
            match p {
                "" | "---" => Some(None),
                _ => EventCode::parse(p).map(Some),
            }
        };
        match s.split_once(':') {
            Some((a, p)) => Some(CodePair { active: part(a)?, passive: part(p)? }),
            None if !s.is_empty() => {
                Some(CodePair { active: Some(EventCode::parse(s)?), passive: None })
            }
            None => None,
        }
    }

    /// True for the null code.
    pub fn is_null(&self) -> bool {
        self.active.is_none() && self.passive.is_none()
    }
}

impl fmt::Display for CodePair {
    /// Writes the code as PETRARCH does, without brackets: `042:043`, `:173`, `---`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.active, self.passive) {
            (None, None) => f.write_str("---"),
            (Some(a), None) => write!(f, "{a}"),
            (a, Some(p)) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                write!(f, ":{p}")
            }
        }
    }
}

/// GDELT's and ICEWS's quad class of a CAMEO root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuadClass {
    /// 1: roots 01–05.
    VerbalCooperation = 1,
    /// 2: roots 06–09.
    MaterialCooperation = 2,
    /// 3: roots 10–14.
    VerbalConflict = 3,
    /// 4: roots 15–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The class numbered 1–4.
    pub fn from_number(n: u8) -> Option<QuadClass> {
        Some(match n {
            1 => QuadClass::VerbalCooperation,
            2 => QuadClass::MaterialCooperation,
            3 => QuadClass::VerbalConflict,
            4 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// The class of a CAMEO root (1–20) by the standard split, as GDELT publishes it.
    pub fn of_root(root: u8) -> Option<QuadClass> {
        Self::from_number(match root {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            15..=20 => 4,
            _ => return None,
        })
    }

    /// The class number, 1–4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// PLOVER's sixteen event types (the ontology that succeeds CAMEO, used by POLECAT), a
/// second, coarser view of a CAMEO code. See the crate README for the mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // The names are PLOVER's own and say what they are.
pub enum Plover {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl Plover {
    /// All sixteen, in PLOVER's order (cooperation first).
    pub const ALL: [Plover; 16] = [
        Plover::Agree,
        Plover::Consult,
        Plover::Support,
        Plover::Concede,
        Plover::Cooperate,
        Plover::Aid,
        Plover::Retreat,
        Plover::Request,
        Plover::Accuse,
        Plover::Reject,
        Plover::Threaten,
        Plover::Protest,
        Plover::Sanction,
        Plover::Mobilize,
        Plover::Coerce,
        Plover::Assault,
    ];

    /// PLOVER's upper-case name (`AGREE`).
    pub fn name(self) -> &'static str {
        match self {
            Plover::Agree => "AGREE",
            Plover::Consult => "CONSULT",
            Plover::Support => "SUPPORT",
            Plover::Concede => "CONCEDE",
            Plover::Cooperate => "COOPERATE",
            Plover::Aid => "AID",
            Plover::Retreat => "RETREAT",
            Plover::Request => "REQUEST",
            Plover::Accuse => "ACCUSE",
            Plover::Reject => "REJECT",
            Plover::Threaten => "THREATEN",
            Plover::Protest => "PROTEST",
            Plover::Sanction => "SANCTION",
            Plover::Mobilize => "MOBILIZE",
            Plover::Coerce => "COERCE",
            Plover::Assault => "ASSAULT",
        }
    }

    /// The type named `AGREE` etc.
    pub fn from_name(s: &str) -> Option<Plover> {
        Plover::ALL.into_iter().find(|p| p.name() == s)
    }

    /// herald's CAMEO → PLOVER mapping: by root, refined by sub-code where a root spans
    /// several PLOVER types. `None` where PLOVER has no event type (plain statements and
    /// comments in root 01). The table and its reasons are in the crate README.
    pub fn of_cameo(code: EventCode) -> Option<Plover> {
        let s = code.as_str();
        let sub = |p: &str| s.starts_with(p);
        Some(match code.root() {
            1 if sub("015") => Plover::Concede,
            1 if sub("016") => Plover::Reject,
            1 if sub("018") => Plover::Support,
            1 if sub("019") => Plover::Agree,
            1 => return None,
            2 => Plover::Request,
            3 => Plover::Agree,
            4 => Plover::Consult,
            5 if sub("055") => Plover::Concede,
            5 if sub("057") => Plover::Agree,
            5 => Plover::Support,
            6 => Plover::Cooperate,
            7 => Plover::Aid,
            8 if sub("087") => Plover::Retreat,
            8 => Plover::Concede,
            9 => Plover::Accuse,
            10 => Plover::Request,
            11 => Plover::Accuse,
            12 => Plover::Reject,
            13 => Plover::Threaten,
            14 => Plover::Protest,
            15 => Plover::Mobilize,
            16 => Plover::Sanction,
            17 => Plover::Coerce,
            18..=20 => Plover::Assault,
            _ => return None,
        })
    }
}

impl fmt::Display for Plover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_print() {
        let c = EventCode::parse("0256").unwrap();
        assert_eq!((c.as_str(), c.root()), ("0256", 2));
        assert!(EventCode::parse("4").is_none());
        assert!(EventCode::parse("12345").is_none());
        assert!(EventCode::parse("17a").is_none());
        for s in ["042:043", ":173", "---", "050", "1722"] {
            assert_eq!(CodePair::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(CodePair::parse("080!").unwrap().to_string(), "080");
        assert!(CodePair::parse("def").is_none());
        assert!(CodePair::parse("").is_none());
        assert!(CodePair::parse("+++").is_none());
    }

    #[test]
    fn quad_classes_follow_the_standard_split() {
        let q = |r| QuadClass::of_root(r).unwrap().number();
        assert_eq!([q(1), q(5), q(6), q(9), q(10), q(14), q(15), q(20)], [1, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn plover_refines_by_sub_code() {
        let p = |s| Plover::of_cameo(EventCode::parse(s).unwrap());
        assert_eq!(p("010"), None);
        assert_eq!(p("0874"), Some(Plover::Retreat));
        assert_eq!(p("084"), Some(Plover::Concede));
        assert_eq!(p("057"), Some(Plover::Agree));
        assert_eq!(p("163"), Some(Plover::Sanction));
        assert_eq!(p("195"), Some(Plover::Assault));
        for pl in Plover::ALL {
            assert_eq!(Plover::from_name(pl.name()), Some(pl));
        }
    }
}
