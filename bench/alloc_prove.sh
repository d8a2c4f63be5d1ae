#!/usr/bin/env bash
# Independent proof that the Friday allocation is optimal (part of `make bench`): for each scale,
# `juo allocate --dry-run --export-mps` on the replica, as alloc_bench.sh runs it (the edition's
# financed buses: 75 per unit of scale), then HiGHS (npm `highs`, bench/highs_prove.js), which
# shares no code with CBC or GLPK, on the exported MIP with zero gap tolerances. CBC's own
# "optimal" is not trusted (ADR 0004); juo allocate's proof is GLPK's, and HiGHS cross-checks it. Prints a Markdown table; exits 1 unless, at every
# scale, HiGHS proves an optimum and juo's allocation reaches it.
# Usage: bench/alloc_prove.sh PATH/TO/juo OUT_DIR [SCALES...]   (default scales: 1 10)
# Environment: JUO_ALLOC_ARGS (more `juo allocate` flags, e.g. "--budget 37899"),
# JUO_ALLOC_TIME_LIMIT (juo's, 30 s), JUO_PROVER_TIME_LIMIT (HiGHS's, 900 s).
# Reuses OUT_DIR/bench-scaleK.db when run.sh or alloc_bench.sh has seeded it, otherwise seeds it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JUO=$(realpath "$1"); OUT=$2; shift 2
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 10)
LIMIT=${JUO_ALLOC_TIME_LIMIT:-30}
PROVER_LIMIT=${JUO_PROVER_TIME_LIMIT:-900}
read -r -a EXTRA <<<"${JUO_ALLOC_ARGS:-}"
command -v node >/dev/null || { echo "alloc_prove: node is missing (scripts/setup.sh)"; exit 1; }
mkdir -p "$OUT"
echo "| scale | juo allocate${EXTRA[*]:+ ${EXTRA[*]}}: objective | LP bound | HiGHS status | HiGHS best objective | HiGHS bound | HiGHS time | nodes | juo's allocation |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
failed=0
for k in "${SCALES[@]}"; do
  db="$OUT/bench-scale$k.db"
  [ -f "$db" ] || "$JUO" seed --db "$db" --scale "$k" --quiet >/dev/null
  mps="$OUT/alloc-scale$k.mps"
  log="$OUT/prove-allocate-scale$k.log"
  "$JUO" allocate --db "$db" --dry-run --time-limit "$LIMIT" "${EXTRA[@]}" --export-mps "$mps" >"$log" 2>&1 \
    || { cat "$log"; exit 1; }
  # The MPS file minimises −objective with offset 0: juo checks it says so.
  grep -q 'objective offset 0: our objective = -(MPS objective)' "$log" \
    || { echo "alloc_prove: juo allocate did not state the MPS objective's sense and offset"; cat "$log"; exit 1; }
  read -r objective lp_bound < <(awk '/^Objective/ { gsub(/[,:]/, ""); print $2, $7 }' "$log")
  read -r status best bound secs nodes < <(node "$HERE/highs_prove.js" "$mps" "$PROVER_LIMIT" "$OUT/prove-highs-scale$k.log")
  # Back to our sense: objective = −(MPS objective). The objective is an integer, so no allocation
  # beats the floor of −(dual bound) (a thousandth of slack for floating point).
  if ! awk -v k="$k" -v obj="$objective" -v lpb="$lp_bound" -v status="$status" -v best="$best" \
        -v bound="$bound" -v secs="$secs" -v nodes="$nodes" '
    function num(v) { return v == "none" ? "none" : sprintf("%.0f", -v) }
    BEGIN {
      ok = 0
      if (bound == "none") verdict = "no proof (no bound)"
      else {
        ub = -bound; ub_int = int(ub + 0.001); if (ub_int > ub + 0.001) ub_int -= 1
        if (obj + 0 >= ub_int) { verdict = (status == "optimal") ? "**proven optimal**" : "proven optimal (by the bound)"; ok = 1 }
        else if (status == "optimal")
          verdict = sprintf("%.0f below the optimum (%.1f weighted pupils)", ub_int - obj, (ub_int - obj) / 10000)
        else verdict = sprintf("not proven: up to %.0f below the bound", ub_int - obj)
      }
      printf "| %s | %s | %.0f | %s | %s | %s | %s s | %s | %s |\n", k, obj, lpb, status, num(best), num(bound), secs, nodes, verdict
      exit ok ? 0 : 1
    }'; then
    failed=1
  fi
done
exit "$failed"
