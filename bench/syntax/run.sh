#!/usr/bin/env bash
# Accuracy, speed, load time and memory of herald's tagger, lemmatizer and parser.
# Usage: bench/syntax/run.sh   (from the repository root; needs ../shared/data and python3)
set -euo pipefail
DATA=${HERALD_DATA:-../shared/data}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release -p herald-cli
HERALD=$CARGO_TARGET_DIR/release/herald
OUT=$(mktemp -d)
echo "## accuracy (official scorer, gold tokenization)"
for tb in ewt gum; do
  gold=$DATA/ud-english-$tb/en_$tb-ud-dev.conllu
  $HERALD parse --conllu "$gold" > "$OUT/$tb.conllu"
  printf '%s dev: ' "$tb"; python3 ../shared/eval/ud_score.py "$gold" "$OUT/$tb.conllu"
  $HERALD eval parse "$gold"
done
echo "## end-to-end: herald parse on EWT dev (load + read + analyze + write), peak memory"
/usr/bin/time -v $HERALD parse --conllu "$DATA/ud-english-ewt/en_ewt-ud-dev.conllu" 2> "$OUT/time.txt" > /dev/null
grep -E "Elapsed|Maximum resident" "$OUT/time.txt"
echo "## one core, models in memory (divan)"
taskset -c 0 cargo bench -p herald-syntax --bench syntax
rm -rf "$OUT"
