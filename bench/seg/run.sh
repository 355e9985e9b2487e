#!/usr/bin/env bash
# Reproduces the text layer's figures (bench/seg/RESULTS.md): sentence F1 with the official
# scorer, token F1 with token_score.py, and throughput, on the UD English dev sets.
#
# usage: bench/seg/run.sh [--errors N]   (from anywhere; N mismatches per set go to stderr)
#        RULES=1 bench/seg/run.sh         scores the rules alone (no boundary model)
# env:   DATA (default /work/shared/data), EVAL (default /work/shared/eval),
#        OUT (default bench/seg/out, not committed), CARGO_TARGET_DIR (as usual),
#        HERALD (a built `herald` binary: score `herald annotate` instead of the seg_eval
#        example; the figures must be the same),
#        MANIFEST (default the workspace's Cargo.toml; point it at a workspace holding only
#        herald-doc and herald-text to build while other crates are mid-edit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
DATA="${DATA:-/work/shared/data}"
EVAL="${EVAL:-/work/shared/eval}"
OUT="${OUT:-$here/out}"
errors=0
if [[ "${1:-}" == "--errors" ]]; then errors="${2:-20}"; fi
mkdir -p "$OUT"

cd "$root"
cargo build --release --quiet --manifest-path "${MANIFEST:-$root/Cargo.toml}" -p herald-text --example seg_eval
bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/seg_eval"

run() { # name conllu [genre]
  local name="$1" conllu="$2" genre="${3:-}"
  python3 "$EVAL/seg_score.py" build "$conllu" "$OUT/$name.in.jsonl" "$OUT/$name.gold.json" $genre
  if [[ -n "${HERALD:-}" ]]; then
    "$HERALD" annotate "$OUT/$name.in.jsonl" > "$OUT/$name.out.jsonl"
  else
    "$bin" ${RULES:+--rules} "$OUT/$name.in.jsonl" > "$OUT/$name.out.jsonl"
  fi
  printf '%-15s sentences %s\n' "$name" "$(python3 "$EVAL/seg_score.py" score "$OUT/$name.gold.json" "$OUT/$name.out.jsonl")"
  printf '%-15s tokens    %s\n' "$name" "$(python3 "$here/token_score.py" "$conllu" "$OUT/$name.out.jsonl" $genre --errors "$errors")"
  if [[ "$errors" != 0 ]]; then
    python3 "$here/sent_errors.py" "$OUT/$name.gold.json" "$OUT/$name.out.jsonl" "$errors" >&2
  fi
}

run gum      "$DATA/ud-english-gum/en_gum-ud-dev.conllu"
run gum-news "$DATA/ud-english-gum/en_gum-ud-dev.conllu" _news_
run ewt      "$DATA/ud-english-ewt/en_ewt-ud-dev.conllu"
# Not held out (the rules were checked against the training files), but 19 news documents
# against dev's 2: a steadier view of news.
run gum-train-news "$DATA/ud-english-gum/en_gum-ud-train.conllu" _news_

# Throughput: every dev document of both treebanks (0.26 MB of text) segmented 20 times, in
# MB/s of wall-clock time and of the thread's CPU time (the per-core figure on a shared machine).
cat "$OUT/gum.in.jsonl" "$OUT/ewt.in.jsonl" > "$OUT/all.in.jsonl"
"$bin" --speed 20 "$OUT/all.in.jsonl" 2>&1 | sed 's/^/speed           /'
"$bin" --rules --speed 20 "$OUT/all.in.jsonl" 2>&1 | sed 's/^/speed (rules)   /'
