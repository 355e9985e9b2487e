#!/usr/bin/env python3
"""Token (word) segmentation from raw text, scored against a UD treebank's own words.

usage: token_score.py CONLLU PRED.jsonl [GENRE_PREFIX] [--errors N]

The documents are rebuilt exactly as `seg_score.py build` builds them (one per `# newdoc`,
sentences of a `# newpar` paragraph joined by a space, paragraphs by a blank line), so the same
IN.jsonl / PRED.jsonl serve both scorers. Gold word spans (character offsets) come from aligning
each surface token form of a sentence to its `# text` line, in order. A multiword token
(`1-2 don't` with words `do` `n't`) yields its words' positions inside the surface token when
their forms concatenate to it (case-insensitively); otherwise the whole token span stands for
the first word and the others are skipped. PRED.jsonl holds {"id","tokens":[{"start","end"}]}
(character offsets); predicted spans are compared exactly. Prints {"p","r","f1","gold"} as
one JSON line; `--errors N` also prints up to N missed gold words with context to stderr.
Python 3 standard library only.
"""
import json
import sys


def sentences(path):
    """Yields (doc_id, newpar, text, tokens) per sentence; tokens = [(form, [word forms])]."""
    doc_id, newpar, text, toks, mwt_end, pending_par = None, False, None, [], 0, False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
            pending_par = True
        elif line.startswith("# newpar"):
            pending_par = True
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line:
            if text is not None:
                yield doc_id or "doc", pending_par, text, toks
            text, toks, mwt_end, pending_par = None, [], 0, False
        elif line[0].isdigit():
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue  # empty node
            if "-" in tid:
                a, b = tid.split("-")
                mwt_end = int(b)
                toks.append((cols[1], []))
            elif mwt_end and int(tid) <= mwt_end:
                toks[-1][1].append(cols[1])
            else:
                toks.append((cols[1], [cols[1]]))
    if text is not None:
        yield doc_id or "doc", pending_par, text, toks


def word_spans(text, toks, base):
    """Character spans of the gold words of one sentence, offset by `base`."""
    out, cur, missing = [], 0, 0
    for form, words in toks:
        while cur < len(text) and text[cur].isspace():
            cur += 1
        if text.startswith(form, cur):
            s = cur
        else:
            s = text.find(form, cur)
            if s < 0:
                missing += 1
                continue
        e = s + len(form)
        cur = e
        if len(words) > 1 and "".join(words).lower() == form.lower():
            p = s
            for w in words:
                out.append((base + p, base + p + len(w)))
                p += len(w)
        else:
            out.append((base + s, base + e))
    return out, missing


def gold_docs(path, genre):
    """{doc_id: (text, set of word spans)} built like seg_score.py's documents."""
    docs, order = {}, []
    missing = 0
    cur_id, paras = None, None
    for doc_id, newpar, sent, toks in sentences(path):
        if doc_id != cur_id:
            cur_id = doc_id
            paras = [[]]
            docs[doc_id] = paras
            order.append(doc_id)
        elif newpar and paras[-1]:
            paras.append([])
        paras[-1].append((sent, toks))
    out = {}
    for doc_id in order:
        if genre and genre not in doc_id:
            continue
        text, spans = "", []
        for p in (p for p in docs[doc_id] if p):
            if text:
                text += "\n\n"
            for i, (s, toks) in enumerate(p):
                if i:
                    text += " "
                ws, m = word_spans(s, toks, len(text))
                missing += m
                spans.extend(ws)
                text += s
        out[doc_id] = (text, set(spans))
    return out, missing


def main(argv):
    errors = 0
    if "--errors" in argv:
        i = argv.index("--errors")
        errors = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    conllu, pred = argv[1], argv[2]
    genre = argv[3] if len(argv) > 3 else ""
    gold, missing = gold_docs(conllu, genre)
    tp = npred = 0
    shown = 0
    for line in open(pred, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("id") not in gold:
            continue
        text, g = gold[d["id"]]
        p = {(t["start"], t["end"]) for t in d.get("tokens", [])}
        tp += len(g & p)
        npred += len(p)
        if shown < errors:
            for s, e in sorted(g - p):
                if shown >= errors:
                    break
                shown += 1
                near = sorted(x for x in p if x[1] > s - 1 and x[0] < e + 1)
                got = " ".join(repr(text[a:b]) for a, b in near)
                print(f"{d['id']}: gold {text[s:e]!r} in {text[max(0, s - 25):e + 25]!r} got {got}",
                      file=sys.stderr)
    ng = sum(len(g) for _, g in gold.values())
    P = tp / npred if npred else 0.0
    R = tp / ng if ng else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    res = {"p": round(P, 4), "r": round(R, 4), "f1": round(F, 4), "gold": ng}
    if missing:
        res["unaligned"] = missing
    print(json.dumps(res))


if __name__ == "__main__":
    main(sys.argv)
