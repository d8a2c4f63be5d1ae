#!/usr/bin/env bash
# The Friday allocation at each scale (part of `make bench`): `juo allocate --dry-run` on the
# replica, with as many buses as the edition financed (75 per unit of scale), timed with GNU time,
# with the priority guarantee on (the default, ADR 0019), then once more with
# --no-priority-guarantee: the pupils-only optimum, for what the guarantee costs.
# Prints a Markdown table: solve time, who proved optimality (GLPK, or the LP bound) or the gap to
# the proven bound, the gap to the LP bound, pupils served with the guarantee, by first-come and
# by the pupils-only solve, the guarantee's cost (pupils-only minus guaranteed), the pupil shares
# of REP+, REP, rural and schools with no priority, buses and cost, wall time and peak memory.
# Usage: bench/alloc_bench.sh PATH/TO/juo OUT_DIR [SCALES...]   (default scales: 1 10 75)
# Environment: JUO_ALLOC_TIME_LIMIT (30 s), JUO_ALLOC_SEED (juo allocate --seed, 1).
# Reuses OUT_DIR/bench-scaleK.db when run.sh has seeded it, otherwise seeds it.
set -euo pipefail
JUO=$(realpath "$1"); OUT=$2; shift 2
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 10 75)
LIMIT=${JUO_ALLOC_TIME_LIMIT:-30}
SEED=${JUO_ALLOC_SEED:-1}
mkdir -p "$OUT"
echo "| scale | groups | solve | LP | proven | gap to bound | gap to LP bound | pupils served (guarantee on) | first come | pupils-only optimum (its solve) | guarantee's cost | shares REP+ / REP / rural / none | buses: cost (guarantee / first come) | wall | peak RSS |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for k in "${SCALES[@]}"; do
  db="$OUT/bench-scale$k.db"
  [ -f "$db" ] || "$JUO" seed --db "$db" --scale "$k" --quiet >/dev/null
  log="$OUT/allocate-scale$k.log"
  /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$JUO" allocate --db "$db" --dry-run --time-limit "$LIMIT" \
    --seed "$SEED" >"$log" 2>&1 || { cat "$log"; exit 1; }
  read -r secs kib <"$OUT/time.txt"
  plain="$OUT/allocate-scale$k-no-guarantee.log"
  "$JUO" allocate --db "$db" --dry-run --time-limit "$LIMIT" --seed "$SEED" --no-priority-guarantee >"$plain" 2>&1 \
    || { cat "$plain"; exit 1; }
  read -r plain_pupils plain_solve plain_verdict < <(awk '
    /^Solve:/ { solve = $2 }
    /^Objective/ { v = "gap"; if ($0 ~ /optimal/) v = "proven"; else if (match($0, /gap [0-9.]+ %/)) v = "gap-" substr($0, RSTART + 4, RLENGTH - 6) "%" }
    /^pupils served/ { p = $3 }
    END { print p, solve, v }' "$plain")
  awk -v k="$k" -v secs="$secs" -v mib="$((kib / 1024))" -v pp="$plain_pupils" -v ps="$plain_solve" -v pv="$plain_verdict" '
    /^Requests:/ { groups = $2 }
    /^Solve:/ { solve = $2; lp = $5 }
    /^Objective/ { gsub(",", ""); obj = $2; bound = $4; lpb = $7; proven = "no"; gap = "0"
                   # "optimal, proven by GLPK" (or by the LP bound; its comma is gone), else "gap G % to <bound>"
                   if (match($0, /: optimal proven by .*\.$/)) proven = "yes, by " substr($0, RSTART + 20, RLENGTH - 21)
                   else if (match($0, /gap [0-9.]+ %/)) gap = substr($0, RSTART + 4, RLENGTH - 6) }
    /^pupils served/ { opt = $3 " " $4 " " $5; fc = $6 " " $7 " " $8; served = $3 }
    /^buses / { b1 = $2; b2 = $3 }
    /^bus cost/ { c1 = $3; c2 = $5 }
    /^(rep_plus|rep|rural|none) / { share[$1] = $5 }
    END { printf "| %s | %s | %s s | %s s | %s | %s %% | %.3f %% | %s | %s | %s (%s s, %s) | %d pupils | %s / %s / %s / %s %% | %s: %s / %s: %s EUR | %s s | %s MiB |\n",
                 k, groups, solve, lp, proven, gap, 100 * (lpb - obj) / lpb, opt, fc, pp, ps, pv, pp - served,
                 share["rep_plus"], share["rep"], share["rural"], share["none"], b1, c1, b2, c2, secs, mib }' "$log"
done
