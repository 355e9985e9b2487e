//! herald's compact gazetteer format: gzip-compressed UTF-8 text, one entry per line,
//! tab-separated, first line `herald-places <version>`. Other names are separated by `|`.
//!
//! ```text
//! herald-places 1
//! C  690791   UA  ""  Ukraine  49.0    32.0    44622516  ""       Ukrayina|...  Ukrainian
//! A  703446   UA  12  Kyiv City 50.45  30.52   2952301   ""       ""            ""
//! P  703448   UA  12  Kyiv     50.4547 30.5238 2952301   capital  Kiev|Kijów|... ""
//! ```
//! Fields: kind (`C` country, `A` first-level division, `P` populated place), GeoNames id,
//! ISO2 country, division code, name, latitude, longitude, population, `capital` or empty,
//! other names, demonyms (countries only). One last line `N<TAB>names` lists names that are
//! not places (continents, oceans, compass regions). A text format keeps the shipped file reviewable in
//! diffs; gzip makes it small.

use std::io::{BufRead, BufReader, Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::{Entry, Gazetteer, Kind, PlacesError};

const MAGIC: &str = "herald-places";
const VERSION: u32 = 1;

impl Gazetteer {
    /// Writes the gazetteer in herald's compact format. Tabs, `|` and line breaks inside
    /// names are replaced by spaces.
    pub fn write<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut gz = GzEncoder::new(out, flate2::Compression::best());
        writeln!(gz, "{MAGIC} {VERSION}")?;
        for e in self.entries() {
            let kind = match e.kind {
                Kind::Country => "C",
                Kind::Admin1 => "A",
                Kind::City => "P",
            };
            writeln!(
                gz,
                "{kind}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                e.geonameid,
                clean(&e.country),
                clean(&e.admin1),
                clean(&e.name),
                round(e.lat),
                round(e.lon),
                e.population,
                if e.capital { "capital" } else { "" },
                alternatives(&e.names),
                alternatives(&e.demonyms),
            )?;
        }
        if !self.non_places().is_empty() {
            writeln!(gz, "N\t{}", alternatives(self.non_places()))?;
        }
        gz.finish()?.flush()
    }

    /// Reads a gazetteer in herald's compact format; `name` (a path, or `"bundled ..."`)
    /// names it in errors. A bad record is an error naming its line, never a panic: the
    /// shipped file is generated, so damage means a broken file, not a typo to skip.
    pub fn read<R: Read>(input: R, name: &str) -> Result<Gazetteer, PlacesError> {
        let reader = BufReader::new(GzDecoder::new(input));
        let format = |line: usize, reason: String| PlacesError::Format {
            path: name.to_owned(),
            line,
            reason,
        };
        let mut entries = Vec::new();
        let mut non_places = Vec::new();
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
                    None => return Err(format(1, "not a herald gazetteer".to_owned())),
                }
            }
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if let ["N", names] = fields.as_slice() {
                non_places.extend(split_alternatives(names));
                continue;
            }
            let [kind, id, country, admin1, name, lat, lon, population, capital, names, demonyms] =
                fields.as_slice()
            else {
                return Err(format(line_no, format!("{} fields, expected 11", fields.len())));
            };
            let bad = |what: &str, value: &str| format(line_no, format!("bad {what} {value:?}"));
            let kind = match *kind {
                "C" => Kind::Country,
                "A" => Kind::Admin1,
                "P" => Kind::City,
                other => return Err(bad("kind", other)),
            };
            let number =
                |what: &str, value: &str| value.parse::<f64>().map_err(|_| bad(what, value));
            let (lat, lon) = (number("latitude", lat)?, number("longitude", lon)?);
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(format(line_no, format!("coordinates {lat}, {lon} out of range")));
            }
            if country.len() != 2 || name.is_empty() {
                return Err(format(line_no, "missing country or name".to_owned()));
            }
            entries.push(Entry {
                kind,
                geonameid: id.parse().map_err(|_| bad("GeoNames id", id))?,
                name: (*name).to_owned(),
                country: (*country).to_owned(),
                admin1: (*admin1).to_owned(),
                lat,
                lon,
                population: population.parse().map_err(|_| bad("population", population))?,
                capital: match *capital {
                    "capital" => true,
                    "" => false,
                    other => return Err(bad("flag", other)),
                },
                names: split_alternatives(names),
                demonyms: split_alternatives(demonyms),
            });
        }
        if entries.is_empty() {
            return Err(format(1, "empty gazetteer".to_owned()));
        }
        Ok(Gazetteer::new(entries).with_non_places(non_places))
    }
}

fn clean(s: &str) -> String {
    s.replace(['\t', '|', '\n', '\r'], " ")
}

fn alternatives(names: &[String]) -> String {
    names.iter().map(|n| clean(n)).collect::<Vec<_>>().join("|")
}

fn split_alternatives(s: &str) -> Vec<String> {
    s.split('|').filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// Four decimals (about 10 m) are more than a toponym's precision and keep the file small.
fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use crate::{Entry, Gazetteer, Kind};

    fn entry(kind: Kind, id: u32, name: &str, country: &str) -> Entry {
        Entry {
            kind,
            geonameid: id,
            name: name.into(),
            country: country.into(),
            admin1: String::new(),
            lat: 1.25,
            lon: -2.5,
            population: 1000,
            capital: false,
            names: vec!["Other|Name".into(), "Ötherland".into()],
            demonyms: vec![],
        }
    }

    #[test]
    fn round_trips() {
        let mut c = entry(Kind::Country, 1, "Xland", "XL");
        c.demonyms = vec!["Xlandic".into()];
        let mut p = entry(Kind::City, 2, "X City", "XL");
        p.capital = true;
        p.admin1 = "07".into();
        let gaz =
            Gazetteer::new(vec![c, p]).with_non_places(vec!["Oceania".into(), "The West".into()]);
        let mut bytes = Vec::new();
        gaz.write(&mut bytes).unwrap();
        let back = Gazetteer::read(bytes.as_slice(), "test").unwrap();
        assert_eq!(back.entries().len(), 2);
        assert_eq!(back.entries()[1].names, vec!["Other Name".to_owned(), "Ötherland".to_owned()]);
        assert!(back.entries()[1].capital);
        assert_eq!(back.entries()[0].demonyms, vec!["Xlandic".to_owned()]);
        assert_eq!(back.demonym("Xlandic").map(|e| e.geonameid), Some(1));
        assert!(back.is_non_place("the west") && back.is_non_place("OCEANIA"));
    }

    fn gz(text: &str) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn damage_is_an_error_naming_file_and_line() {
        let err = Gazetteer::read(&b"not gzip"[..], "g.gz").unwrap_err().to_string();
        assert!(err.starts_with("g.gz: line 1"), "{err}");
        let good = "P\t2\tXL\t\tX\t1.0\t2.0\t5\t\t\t";
        let cases = [
            (format!("herald-places 1\n{good}\nP\t3\tXL\n"), "line 3"),
            (format!("herald-places 1\n{good}\nP\tx\tXL\t\tX\t1\t2\t5\t\t\t\n"), "line 3"),
            ("herald-places 1\nP\t2\tXL\t\tX\t91\t2\t5\t\t\t\n".to_owned(), "line 2"),
            ("herald-places 1\nQ\t2\tXL\t\tX\t1\t2\t5\t\t\t\n".to_owned(), "line 2"),
            (format!("herald-places 9\n{good}\n"), "line 1"),
            ("herald-places 1\n".to_owned(), "line 1"),
            (format!("something else\n{good}\n"), "line 1"),
        ];
        for (text, line) in cases {
            let err = Gazetteer::read(gz(&text).as_slice(), "g.gz").unwrap_err().to_string();
            assert!(err.starts_with(&format!("g.gz: {line}")), "{text:?}: {err}");
        }
        // Truncated gzip: an error, not a panic.
        let bytes = gz(&format!("herald-places 1\n{good}\n{good}\n"));
        assert!(Gazetteer::read(&bytes[..bytes.len() - 6], "g.gz").is_err());
    }

    #[test]
    fn missing_file_is_an_error_naming_it() {
        let err = Gazetteer::load_file(std::path::Path::new("/nonexistent/g.gz")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/g.gz"), "{err}");
    }
}
