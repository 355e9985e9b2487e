#!/usr/bin/env bash
# Reproduces bench/coref/RESULTS.md: herald's coreference scored on GUM dev (all genres and
# news only), names only vs names + herald-coref, with MUC, B³, CEAF-e and CoNLL F1.
#
#   bench/coref/run.sh                 # GUM dev (the reported figures)
#   bench/coref/run.sh --train-news    # GUM train news documents (used for development)
#   bench/coref/run.sh --errors        # also list every added mention with its verdict
#
# GUM=... overrides the data folder. The scorer (crates/herald-coref/examples/gum_eval/)
# is tested by `cargo test -p herald-coref`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
gum="${GUM:-$root/../shared/data/ud-english-gum}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release -p herald-coref --example gum_eval --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/examples/gum_eval"
file="$gum/en_gum-ud-dev.conllu"
args=()
for a in "$@"; do
  case "$a" in
    --train-news) file="$gum/en_gum-ud-train.conllu"; args+=(--prefix GUM_news_) ;;
    *) args+=("$a") ;;
  esac
done
"$bin" "$file" "${args[@]}"
