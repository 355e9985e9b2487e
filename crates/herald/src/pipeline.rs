use std::time::{Duration, Instant};

use herald_doc::{intern_deprel, intern_xpos, Article, Doc, Upos};

/// One stage of the pipeline, in the order the pipeline runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Language identification (for articles that arrive without a language).
    Language,
    /// Tokenization and sentence splitting.
    Text,
    /// POS tagging, lemmatization and dependency parsing.
    Syntax,
    /// Named-entity recognition.
    Names,
    /// Time expressions, normalised against the publication date.
    Times,
    /// Grouping names into document-level entities, and coreference.
    Entities,
    /// CAMEO actor coding of the entities.
    Actors,
    /// Toponyms resolved to gazetteer entries.
    Places,
    /// Direct quotes and reported speech with their speakers.
    Quotes,
    /// CAMEO event coding.
    Events,
}

impl Stage {
    /// Every stage, in running order.
    pub const ALL: [Stage; 10] = [
        Stage::Language,
        Stage::Text,
        Stage::Syntax,
        Stage::Names,
        Stage::Times,
        Stage::Entities,
        Stage::Actors,
        Stage::Places,
        Stage::Quotes,
        Stage::Events,
    ];

    /// Short lowercase name, as `--profile` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Language => "language",
            Stage::Text => "text",
            Stage::Syntax => "syntax",
            Stage::Names => "names",
            Stage::Times => "times",
            Stage::Entities => "entities",
            Stage::Actors => "actors",
            Stage::Places => "places",
            Stage::Events => "events",
            Stage::Quotes => "quotes",
        }
    }
}

/// Time spent per stage, and the volume that went through: cheap enough to keep on.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Time per stage, indexed like [`Stage::ALL`].
    pub time: [Duration; Stage::ALL.len()],
    /// Articles annotated.
    pub articles: u64,
    /// Bytes of text annotated.
    pub bytes: u64,
    /// Tokens produced.
    pub tokens: u64,
}

impl Profile {
    /// Adds another profile's counts to this one.
    pub fn merge(&mut self, other: &Profile) {
        for (a, b) in self.time.iter_mut().zip(other.time) {
            *a += b;
        }
        self.articles += other.articles;
        self.bytes += other.bytes;
        self.tokens += other.tokens;
    }

    /// One line per stage: time, share and throughput.
    pub fn report(&self) -> String {
        let total: Duration = self.time.iter().sum();
        let mut out = String::new();
        for stage in Stage::ALL {
            let t = self.time[stage as usize];
            let secs = t.as_secs_f64();
            let share = if total.is_zero() { 0.0 } else { secs / total.as_secs_f64() * 100.0 };
            let mbps = if secs > 0.0 { self.bytes as f64 / 1e6 / secs } else { 0.0 };
            out.push_str(&format!(
                "{:<10} {:>9.3} s {:>5.1}% {:>9.1} MB/s\n",
                stage.name(),
                secs,
                share,
                mbps
            ));
        }
        out.push_str(&format!(
            "{:<10} {:>9.3} s  {} articles, {:.2} MB, {} tokens\n",
            "total",
            total.as_secs_f64(),
            self.articles,
            self.bytes as f64 / 1e6,
            self.tokens
        ));
        out
    }
}

/// A model or dictionary the pipeline could not load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The tagger or parser.
    #[error("syntax model: {0}")]
    Syntax(#[from] herald_syntax::herald_ml::ModelError),
    /// The named-entity recognizer.
    #[error("NER model: {0}")]
    Names(#[from] herald_ner::NerError),
    /// The actor dictionary.
    #[error("actor dictionary: {0}")]
    Actors(#[from] herald_actors::DictError),
    /// The CAMEO verb dictionary.
    #[error("event dictionary: {0}")]
    Events(#[from] herald_events::EventsError),
    /// The gazetteer.
    #[error("gazetteer: {0}")]
    Places(#[from] herald_places::PlacesError),
}

/// The annotation pipeline. Building it loads the models and dictionaries; annotating is
/// then deterministic and never fails: messy text gives fewer annotations, not errors.
#[derive(Debug)]
pub struct Pipeline {
    /// `None` in a text-only pipeline.
    models: Option<Models>,
}

#[derive(Debug)]
struct Models {
    syntax: herald_syntax::Models,
    ner: herald_ner::Ner,
    actors: herald_actors::ActorDict,
    verbs: herald_events::VerbDict,
    cameo: herald_events::CameoTable,
    places: herald_places::Gazetteer,
    /// Off with a user's verb dictionary (see [`Pipeline::set_verbs`]).
    event_nouns: herald_events::EventNouns,
}

impl Pipeline {
    /// The full pipeline with the models and dictionaries shipped inside herald.
    pub fn new() -> Result<Pipeline, LoadError> {
        Ok(Pipeline {
            models: Some(Models {
                syntax: herald_syntax::Models::bundled()?,
                ner: herald_ner::Ner::bundled()?,
                actors: herald_actors::ActorDict::bundled()?,
                verbs: herald_events::VerbDict::bundled()?,
                cameo: herald_events::CameoTable::bundled(),
                places: herald_places::Gazetteer::bundled()?,
                event_nouns: herald_events::EventNouns::Cameo,
            }),
        })
    }

    /// The full pipeline with the shipped models but the given actor and verb dictionaries
    /// in place of the shipped ones (not merged: a test suite such as PETRARCH2's codes
    /// fictional countries with its own dictionaries).
    pub fn with_dictionaries(
        actors: herald_actors::ActorDict,
        verbs: herald_events::VerbDict,
    ) -> Result<Pipeline, LoadError> {
        let mut pipeline = Pipeline::new()?;
        if let Some(m) = &mut pipeline.models {
            m.actors = actors;
        }
        pipeline.set_verbs(verbs);
        Ok(pipeline)
    }

    /// Replaces the shipped verb dictionary (CAMEO.2.0 with herald's additions) with a
    /// user's. The user's dictionary defines the event codes, so herald's own table of
    /// CAMEO-coded event nouns is switched off: only the dictionary's patterns code events.
    pub fn set_verbs(&mut self, verbs: herald_events::VerbDict) {
        if let Some(m) = &mut self.models {
            m.verbs = verbs;
            m.event_nouns = herald_events::EventNouns::Off;
        }
    }

    /// Language identification and the text layer only: no model to load.
    pub fn text_only() -> Pipeline {
        Pipeline { models: None }
    }

    /// The actor dictionary in use (`None` in a text-only pipeline).
    pub fn actors(&self) -> Option<&herald_actors::ActorDict> {
        self.models.as_ref().map(|m| &m.actors)
    }

    /// Adds a user's actor dictionary; its entries win over the shipped ones.
    pub fn add_actors(&mut self, extra: herald_actors::ActorDict) {
        if let Some(m) = &mut self.models {
            m.actors.merge(extra);
        }
    }

    /// Annotates one article. Articles in a language other than English keep their
    /// language and get no annotation layers.
    pub fn annotate(&self, article: Article) -> Doc {
        self.annotate_profiled(article, &mut Profile::default())
    }

    /// [`Pipeline::annotate`], adding each stage's time to `profile`.
    pub fn annotate_profiled(&self, mut article: Article, profile: &mut Profile) -> Doc {
        let mut clock = Clock::start(profile);
        if article.language.is_none() {
            article.language = herald_ingest::detect_language(&article.text);
        }
        clock.lap(Stage::Language);
        let mut doc = Doc::new(article);
        if !is_annotated_language(&doc.article) {
            return doc;
        }
        herald_text::segment(&mut doc);
        clock.lap(Stage::Text);
        if let Some(m) = &self.models {
            parse(&m.syntax, &mut doc);
            clock.lap(Stage::Syntax);
            m.ner.annotate(&mut doc);
            herald_actors::add_dictionary_names(&mut doc, &m.actors);
            clock.lap(Stage::Names);
            herald_times::annotate(&mut doc);
            clock.lap(Stage::Times);
            herald_entities::group(&mut doc);
            herald_coref::resolve(&mut doc);
            clock.lap(Stage::Entities);
            herald_actors::code_entities(&mut doc, &m.actors);
            clock.lap(Stage::Actors);
            herald_places::resolve(&mut doc, &m.places);
            clock.lap(Stage::Places);
            // Quotes first: a first person inside a quote is its speaker for the events.
            herald_quotes::annotate(&mut doc);
            clock.lap(Stage::Quotes);
            herald_events::code_events_with(&mut doc, &m.verbs, &m.cameo, &m.actors, m.event_nouns);
            clock.lap(Stage::Events);
        }
        let profile = clock.profile;
        profile.articles += 1;
        profile.bytes += doc.article.text.len() as u64;
        profile.tokens += doc.tokens.len() as u64;
        doc
    }
}

/// Fills the token table's tag, lemma and dependency columns, sentence by sentence.
fn parse(models: &herald_syntax::Models, doc: &mut Doc) {
    let n = doc.tokens.len();
    let mut upos = Vec::with_capacity(n);
    let mut xpos = Vec::with_capacity(n);
    let mut head = Vec::with_capacity(n);
    let mut deprel = Vec::with_capacity(n);
    let mut lemmas = Vec::with_capacity(n);
    for s in 0..doc.sentences.len() {
        let range = doc.sentence_tokens(s);
        let forms: Vec<&str> = range.clone().map(|t| doc.text_of(doc.tokens.spans[t])).collect();
        let analysis = models.analyze(&forms);
        for (i, tag) in analysis.tags.iter().enumerate() {
            let u = models.tagger.upos(*tag);
            upos.push(Upos::parse(u).unwrap_or_default());
            xpos.push(intern_xpos(models.tagger.xpos(*tag)));
            let arc = analysis.arcs[i];
            // Arc heads are 1-based within the sentence, 0 for the root.
            head.push((arc.head > 0).then(|| (range.start as u32) + arc.head - 1));
            deprel.push(intern_deprel(models.parser.label_name(arc.label)));
        }
        lemmas.extend(analysis.lemmas);
    }
    let t = &mut doc.tokens;
    (t.upos, t.xpos, t.head, t.deprel) = (upos, xpos, head, deprel);
    for lemma in &lemmas {
        t.push_lemma(lemma);
    }
}

/// Times consecutive stages into a profile.
struct Clock<'p> {
    profile: &'p mut Profile,
    last: Instant,
}

impl<'p> Clock<'p> {
    fn start(profile: &'p mut Profile) -> Clock<'p> {
        Clock { profile, last: Instant::now() }
    }

    fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        self.profile.time[stage as usize] += now - self.last;
        self.last = now;
    }
}

/// True when herald annotates articles in this article's language: English, or unknown
/// (very short texts cannot be identified; annotating them is the useful default).
pub fn is_annotated_language(article: &Article) -> bool {
    article.language.as_ref().is_none_or(|l| l.is_english())
}
