#!/usr/bin/env bash
# The emergence curve of a training run: the copying probe (uniform and frequent tokens) on every checkpoint
# that is still on disk, in step order, as TSV (step, tokens seen, token distribution, first-copy loss,
# second-copy loss, gain, its 95% interval, p(repeat)).
#   scripts/probe-checkpoints.sh RUN_DIR [OUT.tsv]     (keep_checkpoints in the run's config decides which exist)
set -euo pipefail
run="${1:?usage: scripts/probe-checkpoints.sh RUN_DIR [OUT.tsv]}"
out="${2:-$run/copying-curve.tsv}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tokens_per_step=$(python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(c['batch_size']*c['seq_len'])" "$run/config.json")
models=()
for ck in "$run"/checkpoints/step-*; do [ -d "$ck/model" ] && models+=(--model "$ck/model"); done
last_step=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['steps'])" "$run/config.json")
# the final model is the last checkpoint's weights when the run checkpointed its last step
[ -d "$run/final" ] && [ ! -d "$run/checkpoints/$(printf 'step-%08d' "$last_step")" ] && models+=(--model "$run/final")
[ ${#models[@]} -gt 0 ] || { echo "no checkpoints under $run/checkpoints" >&2; exit 1; }
tmp="$out.tmp.$$"
"$root/symtune" probe copying "${models[@]}" --tokenizer "$run/tokenizer.json" --tokens both --json \
  | python3 -c "
import json, re, sys
tps = int(sys.argv[1]); final = int(sys.argv[2])
print('step\ttokens_seen\ttokens\tfirst_copy\tsecond_copy\tgain\tgain_lo\tgain_hi\tp_repeat')
for line in sys.stdin:
    o = json.loads(line)
    m = re.search(r'step-0*(\d+)', o['model'])
    step = int(m.group(1)) if m else final
    lo, hi = o['copying_gain_ci95']
    print(f\"{step}\t{step * tps}\t{o['tokens']}\t{o['first_copy_loss']:.4f}\t{o['second_copy_loss']:.4f}\t{o['copying_gain']:.4f}\t{lo:.4f}\t{hi:.4f}\t{o['repeat_probability']:.4f}\")
" "$tokens_per_step" "$last_step" > "$tmp"
mv "$tmp" "$out"
echo "emergence curve: $out"
