#!/usr/bin/env bash
# Ablation: the number of symbol-tuning steps, from the same baseline.
#   scripts/ablate-tuning-steps.sh [PRESET]     (default small; SEEDS=N to change the seed count)
source "$(dirname "$0")/lib/ablation.sh"
ablate "${1:-small}" symbol.steps 100 300 1000
