#!/usr/bin/env bash
# Shared by the ablation scripts: runs one study per value of a config path, reusing the main study's
# finished training runs wherever the configs agree, then prints the headline rows side by side.
#   ablate PRESET PATH VALUE...   (PATH is a --set path such as symbol.data.symbol_ratio)
# Environment: SEEDS (seeds of the ablation runs; default: the study config's), RUNS (default runs),
# MEASURE (default "exact match"; or "rank classification").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

ablate() {
  local preset=$1 path=$2
  shift 2
  local runs=${RUNS:-runs} main seeds=()
  main="$runs/study-$preset"
  [ -n "${SEEDS:-}" ] && seeds=(--seeds "$SEEDS")
  echo "== main study: $main (its own seeds)"
  "$ROOT/symtune" reproduce --preset "$preset" --out "$main"
  local value out
  for value in "$@"; do
    out="$runs/ablate-$preset-${path//./-}-$value"
    echo "== $path = $value: $out"
    "$ROOT/symtune" reproduce --preset "$preset" --out "$out" --reuse "$main" --set "$path=$value" "${seeds[@]}"
  done
  echo
  echo "== $path on the $preset preset: Δ = symbol-tuned − baseline in points [95% CI], ${MEASURE:-exact match}"
  for value in "$@"; do
    out="$runs/ablate-$preset-${path//./-}-$value"
    awk -F '\t' -v v="$value" -v m="${MEASURE:-exact match}" \
      'NR > 1 && $1 == m { printf "%-10s %-16s %-40s %7.1f %7.1f %+6.1f [%+.1f, %+.1f]\n", v, $2, $3, $5, $6, $7, $8, $9 }' \
      "$out/report/headline.tsv"
  done
}
