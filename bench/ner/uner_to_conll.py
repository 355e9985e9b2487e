#!/usr/bin/env python3
"""Converts a Universal NER .iob2 file (columns index, token, tag, ...) to CoNLL-2003-style
`token tag` lines, the format `herald ner --conll` and shared/eval/conll_ner.py read.
Document starts (`# newdoc`) become `-DOCSTART- O` lines, which the scorer ignores."""
import sys

out = open(sys.argv[2], "w", encoding="utf-8")
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("# newdoc"):
        out.write("-DOCSTART- O\n\n")
        continue
    if line.startswith("#"):
        continue
    if not line.strip():
        out.write("\n")
        continue
    cols = line.split("\t")
    out.write(f"{cols[1]} {cols[2]}\n")
