#!/usr/bin/env bash
# Ablation: the share of symbol-tuning prompts in the symbol-tuning mixture (the rest is instruction data).
# The reference study found that even a small share (16%) gives most of the gain.
#   scripts/ablate-symbol-ratio.sh [PRESET]     (default small; SEEDS=N to change the seed count)
source "$(dirname "$0")/lib/ablation.sh"
ablate "${1:-small}" symbol.data.symbol_ratio 0.16 0.5 1.0
