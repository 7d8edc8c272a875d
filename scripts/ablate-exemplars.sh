#!/usr/bin/env bash
# Ablation: in-context exemplars per class at evaluation (k); every training run is reused.
#   scripts/ablate-exemplars.sh [PRESET]        (default small; SEEDS=N to change the seed count)
source "$(dirname "$0")/lib/ablation.sh"
ablate "${1:-small}" eval.k 1 2 4
