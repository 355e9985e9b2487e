#!/usr/bin/env python3
"""Per-page precision/recall/F1 of an extraction run, worst first (the metric of
/work/shared/eval/extraction_f1.py, page by page), to find what to fix.

usage: per_page.py GROUND_TRUTH.json PRED.json [N]
"""
import json, re, sys
from collections import Counter

def shingles(t, n=4):
    w = re.findall(r"\w+", t or "")
    return Counter(tuple(w[i:i + n]) for i in range(max(len(w) - n + 1, 0))) if len(w) >= n else Counter([tuple(w)] if w else [])

gt = json.load(open(sys.argv[1])); pr = json.load(open(sys.argv[2]))
n = int(sys.argv[3]) if len(sys.argv) > 3 else 15
rows = []
for k, v in gt.items():
    a, b = shingles(v["articleBody"]), shingles((pr.get(k) or {}).get("articleBody", ""))
    tp = sum((a & b).values()); fp = sum(b.values()) - tp; fn = sum(a.values()) - tp
    p = tp / (tp + fp) if tp + fp else 1.0 if fn == 0 else 0.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    rows.append((f, p, r, k, v.get("url", "")))
rows.sort()
for f, p, r, k, u in rows[:n]:
    print(f"{f:.3f} p={p:.3f} r={r:.3f} {k} {u}")
