#!/usr/bin/env bash
# Rebuilds data/actors.dict.gz from the Phoenix dictionaries, herald's additions and the
# countries table. Usage: data/build-actors.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-../shared/data}
P=$D/petrarch2
cargo run --release --quiet -- dict build \
  --actors "$P/Phoenix.Countries.actors.txt" \
  --actors "$P/Phoenix.International.actors.txt" \
  --actors "$P/Phoenix.MilNonState.actors.txt" \
  --actors data/sources/herald.actors.txt \
  --actors data/sources/herald.leaders.txt \
  --agents "$P/Phoenix.agents.txt" \
  --agents data/sources/herald.agents.txt \
  --countries "$D/countries/countries.json" \
  --capitals data/sources/herald.capitals.txt \
  --out data/actors.dict.gz
