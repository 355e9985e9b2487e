//! Language identification: whatlang's trigram model, plus an English function-word check
//! for short texts where the trigram statistics are too thin to be reliable.

use herald_doc::Language;
use whatlang::Lang;

/// How much text whatlang looks at: a long article's first paragraphs decide its language
/// as well as the whole. Identification dominates the cost of reading JSON Lines (whatlang
/// scores every trigram against every candidate language, and its cost grows with the
/// sample), so the sample is kept to about two hundred words.
const SAMPLE_CHARS: usize = 1500;

/// Frequent English function words; short texts dense in them are English.
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "was", "that", "for", "on", "with", "as", "by",
    "at", "from", "it", "he", "she", "his", "her", "they", "their", "has", "have", "had", "be",
    "been", "are", "were", "said", "says", "will", "would", "not", "an", "this", "which", "who",
    "after", "but", "or", "its", "we", "our", "you", "i", "us", "than", "more", "over",
];

/// The language of `text` as an ISO 639-1 code (ISO 639-3 where no two-letter code exists),
/// or `None` when it cannot be told reliably (too short, mixed, or no letters).
///
/// whatlang decides when it is confident. When it is not (typically under a few dozen
/// words), text is still called English if at least a fifth of its words are common
/// English function words ("the", "of", "said", …) and it has at least three words; a
/// headline-length English sentence is English, a list of names is `None`.
///
/// ```
/// use herald_ingest::detect_language;
/// let en = detect_language("The UN chief met the Russian foreign minister in Moscow.");
/// assert_eq!(en.unwrap().code(), "en");
/// let de = detect_language("Der Generalsekretär der Vereinten Nationen traf am Dienstag in Moskau den russischen Außenminister.");
/// assert_eq!(de.unwrap().code(), "de");
/// assert_eq!(detect_language("1234 --- !!!"), None);
/// ```
pub fn detect_language(text: &str) -> Option<Language> {
    let sample = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let info = whatlang::detect(sample);
    if let Some(info) = &info {
        if info.is_reliable() {
            return Some(Language(iso639_1(info.lang()).to_owned()));
        }
    }
    let words: Vec<String> = sample
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(500)
        .map(str::to_lowercase)
        .collect();
    let english = words.iter().filter(|w| ENGLISH_WORDS.contains(&w.as_str())).count();
    (words.len() >= 3 && english * 5 >= words.len()).then(Language::english)
}

/// ISO 639-1 for every language whatlang knows (all have one but Akan's macro-language
/// subtleties aside; the 639-3 code is returned where the table has no entry).
fn iso639_1(lang: Lang) -> &'static str {
    match lang.code() {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<String> {
        detect_language(text).map(|l| l.0)
    }

    #[test]
    fn languages() {
        assert_eq!(code("Hartmann met Petrov in Moscow on Tuesday.").as_deref(), Some("en"));
        assert_eq!(code("Russia says it will cut gas to Poland").as_deref(), Some("en"));
        assert_eq!(
            code("Le secrétaire général de l'ONU a rencontré mardi à Moscou le ministre russe des Affaires étrangères.").as_deref(),
            Some("fr")
        );
        assert_eq!(
            code("Генеральный секретарь ООН встретился во вторник в Москве с министром иностранных дел России.").as_deref(),
            Some("ru")
        );
        assert_eq!(code("").as_deref(), None);
        assert_eq!(code("12:30").as_deref(), None);
    }
}
