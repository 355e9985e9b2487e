//! Hand-curated word lists: abbreviations, hyphen prefixes, fused contractions,
//! unit suffixes, sentence starters, the small words of title-case headlines and the
//! verbs that attribute quotes.
//!
//! The lists were chosen by reading the UD English EWT and GUM *training* files
//! (which abbreviations keep their period as one token, which hyphenated prefixes
//! stay joined, which words start sentences after an abbreviation) plus common
//! news-wire (AP style) abbreviations. Every lookup is a `match` on a byte slice,
//! which compiles to a length switch plus a few comparisons: no hashing, no allocation.

/// How an abbreviation that keeps its final period behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbr {
    /// Always followed by more of the same sentence: titles (`Mr.`, `Gen.`), `vs.`, `e.g.`.
    Title,
    /// A single-letter initial (`J.`, `W.`): a name continues.
    Initial,
    /// Can end a sentence (`U.S.`, `Inc.`, `a.m.`, `Jan.`): a boundary when a typical
    /// sentence starter follows.
    Other,
    /// Very often ends a list or sentence (`etc.`): a boundary before any capitalised word.
    Final,
}

/// Abbreviations (without their final period) that keep the period as part of the
/// token. Case-sensitive: `Mass.` is Massachusetts, `mass.` is a word.
pub(crate) fn abbreviation(w: &[u8]) -> Option<Abbr> {
    use Abbr::*;
    Some(match w {
        // Titles and name prefixes: a name follows.
        b"Mr" | b"Mrs" | b"Ms" | b"Messrs" | b"Mssrs" | b"Dr" | b"Prof" | b"Gen" | b"Lt"
        | b"Col" | b"Maj" | b"Capt" | b"Cpt" | b"Sgt" | b"Cmdr" | b"Cmdt" | b"Adm" | b"Brig"
        | b"Cpl" | b"Pvt" | b"Gov" | b"Sen" | b"Rep" | b"Reps" | b"Sens" | b"Rev" | b"Fr"
        | b"Hon" | b"Pres" | b"Supt" | b"Insp" | b"Det" | b"Pfc" | b"Spc" | b"Ens" | b"Cdr"
        | b"Rt" | b"Mme" | b"Mlle" | b"Msgr" | b"Gens" | b"Govs" | b"Atty" | b"Amb" | b"MR"
        | b"MRS" | b"DR" | b"GEN" | b"vs" | b"Vs" | b"VS" | b"v" | b"cf" | b"Cf" | b"viz"
        | b"e.g" | b"i.e" | b"E.g" | b"I.e" | b"Drs" | b"Attn" | b"attn" => Title,
        // Saint or Street, Mount, Fort: a name usually follows, but a street can end a
        // sentence (`on Main St. The`).
        b"St" | b"Ste" | b"Mt" | b"Ft" | b"ST" => Other,
        // Months and weekdays (AP style), usually followed by a number or a comma.
        b"Jan" | b"Feb" | b"Mar" | b"Apr" | b"Jun" | b"Jul" | b"Aug" | b"Sep" | b"Sept"
        | b"Oct" | b"Nov" | b"Dec" | b"Mon" | b"Tue" | b"Tues" | b"Wed" | b"Thu" | b"Thur"
        | b"Thurs" | b"Fri" => Other,
        // Company and name suffixes.
        b"Inc" | b"Corp" | b"Co" | b"Ltd" | b"Bros" | b"Plc" | b"Jr" | b"Sr" | b"Esq" | b"Cos"
        | b"Assn" | b"Dept" | b"Univ" | b"Ave" | b"Blvd" | b"Rd" | b"Hwy" | b"Ph" | b"Ed"
        | b"Eds" | b"Vol" | b"Para" | b"Ext" | b"Tel" | b"Fax" | b"Mob" | b"Sec" | b"Spec"
        | b"Conf" | b"Esp" | b"Assoc" | b"Sts" | b"Pte" | b"Pty" | b"Orig" => Other,
        // US states, AP style.
        b"Ala" | b"Ariz" | b"Ark" | b"Calif" | b"Colo" | b"Conn" | b"Del" | b"Fla" | b"Ga"
        | b"Ill" | b"Ind" | b"Kan" | b"Kans" | b"Ky" | b"La" | b"Md" | b"Mass" | b"Mich"
        | b"Minn" | b"Miss" | b"Mo" | b"Mont" | b"Neb" | b"Nev" | b"Okla" | b"Ore" | b"Pa"
        | b"Penn" | b"Tenn" | b"Tex" | b"Va" | b"Vt" | b"Wash" | b"Wis" | b"Wyo" | b"Que"
        | b"Ont" | b"Alta" => Other,
        // Lower-case abbreviations.
        b"etc" | b"al" => Final,
        b"approx" | b"ca" | b"esp" | b"incl" | b"dept" | b"est" | b"govt" | b"yr" | b"yrs"
        | b"hr" | b"hrs" | b"mins" | b"sec" | b"secs" | b"oz" | b"lb" | b"lbs" | b"ext"
        | b"tel" | b"vol" | b"div" | b"arrv" | b"lv" | b"ps" | b"rec" | b"eg" | b"ie" | b"info"
        | b"jr" | b"sr" | b"misc" | b"dep" | b"arr" => Other,
        _ => return None,
    })
}

/// Abbreviations that keep their period only before a number (`No. 1`, `pp. 4`),
/// since the bare word is common at a sentence end (`he said no.`).
#[rustfmt::skip]
pub(crate) fn numeric_abbreviation(w: &[u8]) -> bool {
    matches!(
        w,
        b"No" | b"no" | b"Nos" | b"nos" | b"NO" | b"Art" | b"art" | b"Fig" | b"fig" | b"Figs"
            | b"figs" | b"p" | b"pp" | b"c" | b"Sat" | b"Sun" | b"Vols" | b"vols" | b"Ch" | b"ch"
            | b"Sec" | b"Nr" | b"nr" | b"Rs" | b"Ref" | b"ref"
    )
}

/// Prefixes that stay joined to the rest of a hyphenated word (`non-stop`, `e-mail`,
/// `anti-war`) where UD otherwise splits at the hyphen (`long - term`). Lower-case.
/// Checked against the EWT and GUM training data: `quasi`, `eco`, `euro`, `pan`, `self`
/// and `well` are split there more often than not, so they are absent.
#[rustfmt::skip]
pub(crate) fn hyphen_prefix(w: &[u8]) -> bool {
    matches!(
        w,
        b"non" | b"e" | b"re" | b"anti" | b"co" | b"pre" | b"mid" | b"pro" | b"cross" | b"post"
            | b"over" | b"semi" | b"multi" | b"ex" | b"sub" | b"counter" | b"inter" | b"mini"
            | b"neo" | b"socio" | b"psycho" | b"intra" | b"micro" | b"un" | b"bi" | b"tri"
            | b"macro" | b"meta" | b"uni" | b"ultra" | b"hyper" | b"infra" | b"extra" | b"trans"
            | b"geo" | b"bio" | b"afro" | b"agro"
    )
}

/// A word that UD writes as several words without an apostrophe (`cannot` → `can not`,
/// `gonna` → `gon na`, `dont` → `do nt`): the byte lengths of the parts but the last.
/// Matched case-insensitively on ASCII.
pub(crate) fn fused(lower: &[u8]) -> Option<&'static [u8]> {
    Some(match lower {
        b"cannot" => &[3],
        b"gonna" | b"wanna" | b"gotta" | b"outta" | b"lotta" | b"lemme" | b"gimme" => &[3],
        b"kinda" | b"sorta" => &[4],
        b"dunno" => &[2, 1],
        b"dont" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"arent" | b"werent" | b"couldnt"
        | b"wouldnt" | b"shouldnt" | b"hasnt" | b"havent" | b"hadnt" | b"cant" | b"wont"
        | b"aint" | b"mustnt" | b"neednt" => {
            // Everything but the final "nt"; encoded per length below.
            return Some(NT_SPLIT[lower.len()]);
        }
        b"im" => &[1],
        _ => return None,
    })
}

/// `xxxnt` splits before its last two bytes: index = word length.
static NT_SPLIT: [&[u8]; 9] = [&[0], &[0], &[0], &[1], &[2], &[3], &[4], &[5], &[6]];

/// Unit and magnitude suffixes split from a preceding number (`5kg` → `5 kg`,
/// `$4.2bn` → `$ 4.2 bn`, `10:30pm` → `10:30 pm`). Lower-case.
#[rustfmt::skip]
pub(crate) fn unit_suffix(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"am" | b"pm" | b"k" | b"m" | b"b" | b"bn" | b"mn" | b"tn" | b"mm" | b"cm" | b"km" | b"kg"
            | b"g" | b"mg" | b"lb" | b"lbs" | b"ft" | b"oz" | b"ml" | b"gb" | b"mb" | b"tb" | b"kb"
            | b"mph" | b"kph" | b"hrs" | b"hr" | b"min" | b"mins" | b"percent" | b"yrs" | b"kw"
            | b"mw" | b"gw" | b"kmh" | b"sec" | b"secs" | b"p" | b"a"
    )
}

/// Capitalised words that typically open a sentence: after an abbreviation that can
/// end one (`in the U.S. The president …`) such a word makes the period a boundary,
/// while a name (`U.S. Army`) does not.
#[rustfmt::skip]
pub(crate) fn sentence_starter(w: &[u8]) -> bool {
    matches!(
        w,
        b"The" | b"A" | b"An" | b"He" | b"She" | b"It" | b"They" | b"We" | b"I" | b"You" | b"This"
            | b"That" | b"These" | b"Those" | b"There" | b"Their" | b"His" | b"Her" | b"Its"
            | b"Our" | b"My" | b"Your" | b"But" | b"And" | b"Or" | b"So" | b"Yet" | b"In" | b"On"
            | b"At" | b"For" | b"From" | b"With" | b"By" | b"To" | b"As" | b"If" | b"When"
            | b"While" | b"After" | b"Before" | b"Since" | b"Although" | b"Though" | b"Because"
            | b"However" | b"Meanwhile" | b"Still" | b"Also" | b"Then" | b"Now" | b"Some" | b"Many"
            | b"Most" | b"All" | b"Both" | b"Each" | b"Other" | b"Such" | b"What" | b"Who" | b"Why"
            | b"How" | b"Where" | b"Which" | b"No" | b"Not" | b"Mr" | b"Mrs" | b"Ms" | b"Last"
            | b"Earlier" | b"Later" | b"According" | b"One" | b"Two" | b"Three" | b"Several"
            | b"Thanks" | b"Please" | b"Is" | b"Are" | b"Was" | b"Were" | b"Do" | b"Does" | b"Did"
            | b"Can" | b"Could" | b"Will" | b"Would" | b"Should" | b"Let" | b"Here" | b"Today"
            | b"Yesterday" | b"Tomorrow" | b"Instead" | b"Even" | b"Only" | b"Just" | b"Under"
            | b"Over" | b"During" | b"Despite" | b"Unlike" | b"Like" | b"Once" | b"Every" | b"Any"
            | b"Another" | b"Officials" | b"Police" | b"Hi" | b"Hello" | b"Thank" | b"Yes"
            | b"Well" | b"Oh" | b"OK" | b"Ok" | b"Note" | b"See"
    )
}

/// Short words that stay in lower case in a title-case headline (`Talks on Ukraine to
/// Resume`). Exact, lower-case.
#[rustfmt::skip]
pub(crate) fn title_small_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"a" | b"an" | b"the" | b"and" | b"but" | b"or" | b"nor" | b"for" | b"of" | b"in" | b"on"
            | b"at" | b"to" | b"by" | b"with" | b"as" | b"from" | b"into" | b"over" | b"vs"
            | b"vs." | b"via" | b"per" | b"up" | b"off" | b"out" | b"amid" | b"after" | b"n't"
    )
}

/// Verbs that attribute a quote (`"Ready!" Smith said`). Exact, lower-case.
#[rustfmt::skip]
pub(crate) fn speech_verb(w: &[u8]) -> bool {
    matches!(
        w,
        b"said" | b"says" | b"asked" | b"asks" | b"added" | b"adds" | b"told" | b"tells"
            | b"replied" | b"wrote" | b"writes" | b"shouted" | b"stated" | b"insisted"
            | b"explained" | b"noted" | b"warned" | b"declared" | b"responded" | b"continued"
            | b"recalled" | b"exclaimed" | b"cried" | b"tweeted" | b"posted"
    )
}

/// Words that close a letter or e-mail before the signature (`Best regards,`). Lower-case.
#[rustfmt::skip]
pub(crate) fn letter_closing(w: &[u8]) -> bool {
    matches!(
        w,
        b"regards" | b"thanks" | b"sincerely" | b"respectfully" | b"cheers" | b"best"
            | b"truly" | b"wishes" | b"cordially"
    )
}
