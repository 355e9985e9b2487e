#!/usr/bin/env bash
# Article-body extraction quality and speed of herald (rs-trafilatura + herald's formatting)
# on the extraction development set, scored with the shared benchmark metric.
#
# usage: bench/extract/run.sh [DATA_DIR] [OUT_DIR]
#   DATA_DIR  default /work/shared/data/extraction-dev (ground-truth.json + html/<id>.html.gz)
#   OUT_DIR   default target/bench-extract (PRED.json, score.json, worst.txt)
# Environment: CARGO_TARGET_DIR is honoured; REPEAT=N repeats the extraction for the speed figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/work/shared/data/extraction-dev}"
out="${2:-$root/target/bench-extract}"
scorer="${EXTRACTION_F1:-/work/shared/eval/extraction_f1.py}"
mkdir -p "$out"

cd "$root"
cargo build --release -q -p herald-ingest --example extract_eval
target="${CARGO_TARGET_DIR:-$root/target}"
"$target/release/examples/extract_eval" "$data/ground-truth.json" "$data/html" "$out/PRED.json" \
    --repeat "${REPEAT:-3}" 2> "$out/speed.txt"
cat "$out/speed.txt"
python3 "$scorer" "$data/ground-truth.json" "$out/PRED.json" | tee "$out/score.json"
python3 "$here/per_page.py" "$data/ground-truth.json" "$out/PRED.json" 10 > "$out/worst.txt"
echo "worst pages: $out/worst.txt"
