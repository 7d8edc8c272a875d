#!/usr/bin/env bash
# The run behind RESULTS.md: the small preset, three seeds, then the throughput comparison with PyTorch.
#   scripts/reproduce-results.sh [OUT]          (default runs/study-small)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
out=${1:-runs/study-small}
"$ROOT/symtune" reproduce --preset small --seeds 3 --out "$out"
"$ROOT/symtune" bench train --preset small --compare-pytorch
