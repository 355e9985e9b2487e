use std::ops::Range;

use crate::{Article, Span, Upos};

/// An article with its annotation layers. The `Doc` owns everything; tokens and
/// sentences are index views into its tables.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The article the layers annotate.
    pub article: Article,
    /// Sentences in text order; they never overlap and never cross a paragraph break.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order, as parallel columns.
    pub tokens: TokenTable,
    /// The layers filled by the stages after the text layer.
    pub layers: Layers,
}

impl Doc {
    /// A document with no annotations yet.
    pub fn new(article: Article) -> Doc {
        Doc { article, ..Doc::default() }
    }

    /// The text of `span`, or `""` if the span is not valid for this document.
    pub fn text_of(&self, span: Span) -> &str {
        span.get(&self.article.text).unwrap_or("")
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> Range<usize> {
        let r = &self.sentences[i].tokens;
        r.start as usize..r.end as usize
    }
}

/// Index of a token in its document's [`TokenTable`].
pub type TokenId = u32;

/// One sentence: its span (first token's start to last token's end) and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the article text.
    pub span: Span,
    /// Token indices `[start, end)`; never empty.
    pub tokens: Range<TokenId>,
    /// Index of the paragraph (blank-line separated block) the sentence lies in.
    pub paragraph: u32,
}

/// The token table: one row per token, one column per attribute (struct of arrays),
/// so stages that need one attribute touch only that column.
///
/// `spans` is always filled; the linguistic columns are empty until a tagger or parser
/// fills them, and then have exactly `len()` entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenTable {
    /// Byte span of each token. Tokens are non-empty, in order and never overlap.
    pub spans: Vec<Span>,
    /// True when whitespace follows the token in the text.
    pub space_after: Vec<bool>,
    /// Universal POS tag of each token (empty until a tagger runs).
    pub upos: Vec<Upos>,
    /// Penn Treebank tag of each token, interned (empty until a tagger runs).
    pub xpos: Vec<&'static str>,
    /// Head of each token as a document token index; `None` for a sentence root
    /// (empty until a parser runs). A head always lies in the token's own sentence.
    pub head: Vec<Option<TokenId>>,
    /// Dependency relation to the head, interned (`"root"` for roots).
    pub deprel: Vec<&'static str>,
    /// Lemma of each token as a range into `lemma_text` (empty until a lemmatizer runs).
    lemma_spans: Vec<(u32, u32)>,
    /// All lemmas, concatenated: one allocation per document instead of one per token.
    lemma_text: String,
}

impl TokenTable {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Appends a token.
    pub fn push(&mut self, span: Span, space_after: bool) {
        self.spans.push(span);
        self.space_after.push(space_after);
    }

    /// Appends the lemma of the next token that has none yet (lemmas are pushed in
    /// token order).
    pub fn push_lemma(&mut self, lemma: &str) {
        let start = self.lemma_text.len() as u32;
        self.lemma_text.push_str(lemma);
        self.lemma_spans.push((start, self.lemma_text.len() as u32));
    }

    /// The lemma of token `i`, or `None` before lemmatization.
    pub fn lemma(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.lemma_spans.get(i)?;
        self.lemma_text.get(start as usize..end as usize)
    }

    /// True when tags, lemmas and heads are filled for every token.
    pub fn is_parsed(&self) -> bool {
        let n = self.len();
        self.upos.len() == n
            && self.xpos.len() == n
            && self.head.len() == n
            && self.deprel.len() == n
            && self.lemma_spans.len() == n
    }
}

/// The annotation layers after the text layer. Each starts empty; the stage that owns
/// it fills it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layers {
    /// Document-level entities with their mentions.
    pub entities: Vec<Entity>,
    /// Coded political events.
    pub events: Vec<Event>,
    /// Direct and reported quotes.
    pub quotes: Vec<Quote>,
    /// Resolved toponyms.
    pub places: Vec<Place>,
    /// Normalised time expressions.
    pub times: Vec<TimeExpr>,
    /// Named-entity mentions as the recognizer found them, in text order; the entities
    /// stage groups them into `entities`.
    pub names: Vec<Name>,
}

/// A named-entity mention found by the recognizer: a token range with a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Tokens `[start, end)`, inside one sentence.
    pub tokens: Range<TokenId>,
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
    /// `PERSON`, `ORG`, `LOC`, `GPE`, `NORP` or `MISC`.
    pub kind: &'static str,
}

/// One occurrence of an entity in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where it occurs.
    pub span: Span,
    /// How this occurrence is used, once actor coding has looked at it: "sanctions on
    /// Moscow" names an actor, "talks in Moscow" a place.
    pub role: MentionRole,
}

impl Mention {
    /// A mention whose use is not yet known.
    pub fn new(span: Span) -> Mention {
        Mention { span, role: MentionRole::Unknown }
    }
}

/// How a mention is used in its sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MentionRole {
    /// Not decided (not coded, or no evidence either way).
    #[default]
    Unknown,
    /// The mention acts or is acted upon: it names an actor.
    Actor,
    /// The mention names a location ("in Moscow", "travel to Kyiv").
    Place,
}

/// A document-level entity: every mention of one person, organisation or place.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Identifier unique within the document (`"E1"`, `"E2"`, …).
    pub id: String,
    /// Canonical name (the fullest name the document gives).
    pub name: String,
    /// Type: `PERSON`, `ORG`, `LOC`, `GPE`, `NORP`, …
    pub kind: String,
    /// CAMEO actor code, when coded.
    pub actor: Option<String>,
    /// Why the entity got its code (`"title: UN Secretary-General António Hartmann"`).
    pub actor_reason: Option<String>,
    /// All mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// A coded event: who did what to whom, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// CAMEO event code (`"042"`).
    pub code: String,
    /// CAMEO root code (`"04"`).
    pub root: String,
    /// Quad class, 1–4.
    pub quad_class: u8,
    /// Goldstein score, −10 to +10.
    pub goldstein: f32,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Source entity id, when the source is an entity of the document.
    pub source_entity: Option<String>,
    /// Target entity id, when the target is an entity of the document.
    pub target_entity: Option<String>,
    /// True for a negated event ("did not meet").
    pub negated: bool,
    /// `intent`, `conditional`, … when the event is not stated as an act.
    pub modality: Option<String>,
    /// Event date (TIMEX3 value).
    pub date: Option<String>,
    /// Place id, when located.
    pub place: Option<String>,
    /// Index of the sentence that states it.
    pub sentence: u32,
    /// The stating text.
    pub evidence: Span,
    /// The word that triggered the event: the dictionary verb or the event noun.
    pub trigger: Span,
    /// Why it was coded so: the dictionary entry and pattern (or the noun rule) that
    /// matched, in words a user can check against the dictionary (`herald explain`).
    pub rule: String,
}

/// Whether a quote is verbatim or reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// Between quotation marks.
    Direct,
    /// Reported speech ("X said that …").
    Indirect,
}

/// A quote with its attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted content.
    pub span: Span,
    /// Direct or reported.
    pub kind: QuoteKind,
    /// Speaker entity id.
    pub speaker: Option<String>,
    /// The words naming the speaker where the quote is attributed.
    pub speaker_span: Option<Span>,
    /// Addressee entity id.
    pub addressee: Option<String>,
    /// Speech verb lemma.
    pub verb: Option<String>,
}

/// A toponym resolved to a gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Identifier unique within the document.
    pub id: String,
    /// Gazetteer name.
    pub name: String,
    /// GeoNames id.
    pub geonameid: Option<u32>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

/// A normalised time expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// Where it occurs.
    pub span: Span,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// TIMEX3 value (`2022-04-26`, `P60D`, …).
    pub value: String,
}
