#!/usr/bin/env bash
# Every figure that depends on the shipped tagger, parser and recogniser, in one run: rerun it
# after retraining a model (the stages after syntax read its output), then update
# BENCHMARKS.md with what changed.
#
#   bench/downstream.sh
#
# Prints: events on the hand-annotated and held-out sets, PETRARCH2's validation suite, actor coding,
# quotes (tuned and held-out sets), places, and the seed article's events. Needs ../shared
# beside the repository (DATA=... overrides the data folder).
set -u
# No -e: the evaluations exit 3 when their gold files have lines they skip (named on stderr).
cd "$(dirname "$0")/.." || exit 1
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DATA:-$root/../shared/data}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"
cargo build --quiet --release -p herald-cli || exit 1
cargo build --quiet --release -p herald-events -p herald-quotes -p herald-places --examples || exit 1
herald="$CARGO_TARGET_DIR/release/herald"
examples="$CARGO_TARGET_DIR/release/examples"

echo "== events, hand-annotated set (tests/fixtures/events/events.jsonl)"
"$examples/eval_events" tests/fixtures/events/events.jsonl | sed -n 1,6p
echo
echo "== events, held-out set (tests/fixtures/events/heldout.jsonl; never tuned on)"
"$examples/eval_events" tests/fixtures/events/heldout.jsonl | sed -n 1,4p
echo
echo "== PETRARCH2 validation suite"
"$herald" eval petrarch "$data/petrarch2/PETR.UnitTest.records.xml" 2>/dev/null | grep -E '^(total|cameo)'
echo
echo "== actor coding (tests/fixtures/actors/actors.jsonl)"
"$herald" eval actors tests/fixtures/actors/actors.jsonl 2>/dev/null | head -1
echo
echo "== quotes, tuned sets / held-out set"
"$examples/eval_quotes" | grep -E '^(kind|direct|reported)'
"$examples/eval_quotes" tests/fixtures/quotes/heldout | grep -E '^(direct|reported)'
echo
echo "== places (tuned / held-out toponym sets)"
"$examples/eval_places" | tail -1
"$examples/eval_places" tests/fixtures/places/places-heldout.jsonl | tail -1
echo
echo "== seed article's events (tests/data/guterres-lavrov-moscow.txt, dated 2022-04-26)"
"$herald" annotate --date 2022-04-26 tests/data/guterres-lavrov-moscow.txt |
  python3 -c '
import json, sys
d = json.load(sys.stdin)
for e in d["events"]:
    print(e["code"], e["source"] or "---", e["target"] or "---", "|", d["text"][e["trigger"]["start"]:e["trigger"]["end"]])
'
