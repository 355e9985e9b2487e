#!/usr/bin/env python3
"""Prints sentence-boundary mismatches between seg_score.py's GOLD.json and a PRED.jsonl.

usage: sent_errors.py GOLD.json PRED.jsonl [N]

For each document, boundaries (sentence ends, after trimming white space) present in only one
of gold and prediction are printed with 40 characters of context on each side, `||` marking
the boundary: `missed` = gold boundary not predicted, `extra` = predicted boundary not in gold.
Boundaries at paragraph breaks always agree, so they never show. Python 3 standard library only.
"""
import json
import sys


def trim(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


gold = json.load(open(sys.argv[1]))
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 50
shown = {"missed": 0, "extra": 0}
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.strip():
        continue
    d = json.loads(line)
    if d["id"] not in gold:
        continue
    text = gold[d["id"]]["text"]
    g = {e for _, e in gold[d["id"]]["spans"]}
    p = {trim(text, s["start"], s["end"])[1] for s in d["sentences"]}
    for kind, diff in (("missed", g - p), ("extra", p - g)):
        for e in sorted(diff):
            if shown[kind] >= limit:
                break
            shown[kind] += 1
            ctx = (text[max(0, e - 40):e] + "||" + text[e:e + 40]).replace("\n", "¶")
            print(f"{kind:6} {d['id']}: {ctx}")
