//! herald's compact dictionary format: gzip-compressed UTF-8 text, one record per line,
//! tab-separated, first line `herald-actors <version>`. Words of a phrase are separated
//! by spaces, alternatives by `|`.
//!
//! ```text
//! herald-actors 1
//! A  VLADIMIR PUTIN|PRESIDENT PUTIN  RUSELI:19700101-19990809 RUSGOV:20080508- RUSELI
//! G  FOREIGN MINISTER  GOVFRM  ~
//! C  RUS  RU  Russia  RUSSIA|RUSSIAN FEDERATION  RUSSIAN|RUSSIANS  MOSCOW  61.0  100.0
//! ```
//! A text format keeps the shipped file reviewable in diffs; gzip makes it small.

use std::io::{BufRead, BufReader, Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::tabari::parse_date;
use crate::{ActorDict, ActorEntry, AgentEntry, AgentPlace, Country, DatedCode, DictError};

const MAGIC: &str = "herald-actors";
const VERSION: u32 = 1;

impl ActorDict {
    /// Writes the dictionary in herald's compact format.
    pub fn write<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut gz = GzEncoder::new(out, flate2::Compression::best());
        writeln!(gz, "{MAGIC} {VERSION}")?;
        for a in self.actors() {
            let codes: Vec<String> = a.codes.iter().map(code_text).collect();
            writeln!(gz, "A\t{}\t{}", alternatives(&a.names), codes.join(" "))?;
        }
        for g in self.agents() {
            let place = match g.place {
                AgentPlace::Suffix => "~",
                AgentPlace::Prefix => "^",
            };
            writeln!(gz, "G\t{}\t{}\t{place}", g.words.join(" "), g.code)?;
        }
        for c in self.countries() {
            writeln!(
                gz,
                "C\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                c.code,
                c.iso2,
                c.name,
                alternatives(&c.names),
                alternatives(&c.demonyms),
                alternatives(&c.capitals),
                c.lat,
                c.lon
            )?;
        }
        gz.finish()?.flush()
    }

    /// Reads a dictionary in herald's compact format; `name` (a path, or `"bundled"`)
    /// names it in errors. A bad record is an error naming its line: the shipped file is
    /// generated, so damage means a broken file, not a typo to skip.
    pub fn read<R: Read>(input: R, name: &str) -> Result<ActorDict, DictError> {
        let reader = BufReader::new(GzDecoder::new(input));
        let format =
            |line: usize, reason: String| DictError::Format { path: name.to_owned(), line, reason };
        let (mut actors, mut agents, mut countries) = (Vec::new(), Vec::new(), Vec::new());
        for (i, line) in reader.lines().enumerate() {
            let line_no = i + 1;
            let line = line.map_err(|e| format(line_no, format!("cannot read: {e}")))?;
            if i == 0 {
                let version = line.strip_prefix(MAGIC).map(str::trim);
                match version.and_then(|v| v.parse::<u32>().ok()) {
                    Some(VERSION) => continue,
                    Some(v) => {
                        return Err(format(1, format!("version {v}, this herald reads {VERSION}")))
                    }
                    None => return Err(format(1, "not a herald actor dictionary".to_owned())),
                }
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format(line_no, format!("bad {what} record"));
            match fields.as_slice() {
                ["A", names, codes] => actors.push(ActorEntry {
                    names: split_alternatives(names),
                    codes: codes
                        .split(' ')
                        .filter(|c| !c.is_empty())
                        .map(parse_code_text)
                        .collect::<Option<_>>()
                        .ok_or_else(|| bad("actor"))?,
                }),
                ["G", words, code, place] => agents.push(AgentEntry {
                    words: words.split(' ').map(str::to_owned).collect(),
                    code: (*code).to_owned(),
                    place: if *place == "^" { AgentPlace::Prefix } else { AgentPlace::Suffix },
                }),
                ["C", code, iso2, name, names, demonyms, capitals, lat, lon] => {
                    countries.push(Country {
                        code: (*code).to_owned(),
                        iso2: (*iso2).to_owned(),
                        name: (*name).to_owned(),
                        names: split_alternatives(names),
                        demonyms: split_alternatives(demonyms),
                        capitals: split_alternatives(capitals),
                        lat: lat.parse().map_err(|_| bad("country"))?,
                        lon: lon.parse().map_err(|_| bad("country"))?,
                    })
                }
                _ => return Err(format(line_no, "unknown record".to_owned())),
            }
        }
        if actors.is_empty() && agents.is_empty() && countries.is_empty() {
            return Err(format(1, "empty dictionary".to_owned()));
        }
        Ok(ActorDict::new(actors, agents, countries))
    }
}

fn alternatives(phrases: &[Vec<String>]) -> String {
    phrases.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("|")
}

fn split_alternatives(s: &str) -> Vec<Vec<String>> {
    s.split('|')
        .filter(|p| !p.is_empty())
        .map(|p| p.split(' ').map(str::to_owned).collect())
        .collect()
}

/// `RUSGOV`, `RUSGOV:19991231-20080507`, `IGOUNO:20070101-`, `USRARM:-19900823`.
fn code_text(c: &DatedCode) -> String {
    let date = |d: Option<crate::Date>| d.map(|d| d.yyyymmdd().to_string()).unwrap_or_default();
    if c.from.is_none() && c.until.is_none() {
        c.code.clone()
    } else {
        format!("{}:{}-{}", c.code, date(c.from), date(c.until))
    }
}

fn parse_code_text(s: &str) -> Option<DatedCode> {
    let Some((code, dates)) = s.split_once(':') else {
        return Some(DatedCode { code: s.to_owned(), from: None, until: None });
    };
    let (from, until) = dates.split_once('-')?;
    let date = |d: &str| if d.is_empty() { Ok(None) } else { parse_date(d).map(Some) };
    Some(DatedCode { code: code.to_owned(), from: date(from).ok()?, until: date(until).ok()? })
}

#[cfg(test)]
mod tests {
    use crate::tabari::{parse_actors, parse_agents};
    use crate::{ActorDict, Country};

    #[test]
    fn round_trips() {
        let actors = parse_actors("JOHN_DOE_\n+PRESIDENT_DOE\n\t[XYZGOV 20100101-20201231]\n\t[XYZELI]\nUN_ [IGOUNO >070101]\n");
        let agents = parse_agents("FOREIGN_MINISTER [~GOVFRM]\nHUMAN_RIGHTS_BODY [NGO~]\n");
        let country = Country {
            code: "XYZ".into(),
            iso2: "XY".into(),
            name: "Xyzland".into(),
            names: vec![vec!["XYZLAND".into()]],
            demonyms: vec![vec!["XYZIAN".into()], vec!["XYZIANS".into()]],
            capitals: vec![vec!["XYZ".into(), "CITY".into()]],
            lat: 1.5,
            lon: -2.25,
        };
        let dict = ActorDict::new(actors.entries, agents.entries, vec![country]);
        let mut bytes = Vec::new();
        dict.write(&mut bytes).unwrap();
        let back = ActorDict::read(bytes.as_slice(), "test").unwrap();
        assert_eq!(back.actors(), dict.actors());
        assert_eq!(back.agents(), dict.agents());
        assert_eq!(back.countries(), dict.countries());
    }

    #[test]
    fn damage_is_an_error_naming_the_line() {
        assert!(ActorDict::read(&b"not gzip"[..], "x").is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"herald-actors 1\nA\tX\tXXX\nZ\tbad\n").unwrap();
        let bytes = gz.finish().unwrap();
        let err = ActorDict::read(bytes.as_slice(), "dict.gz").unwrap_err().to_string();
        assert!(err.contains("dict.gz: line 3"), "{err}");
    }
}
