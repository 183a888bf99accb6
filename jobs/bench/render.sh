#!/usr/bin/env bash
# Renders the Markdown report of a bench run: render.sh RUNS_DIR HEAP RSS_METHOD (see run-bench.sh).
set -euo pipefail
runs=$1 heap=$2 rss_method=$3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

echo "| month | rows | step | wall s | CPU s | rows/s | score ÷ floor | peak RSS MiB | Spark jobs | stages | tasks | load 1m |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '
  function commas(n,   s) { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); return s }
  NR == 1 { next }
  {
    if ($3 == "floor") floor[$1] = $4
    ratio = ($3 == "score" && ($1 in floor) && floor[$1] > 0) ? sprintf("%.2f", $4 / floor[$1]) : ""
    rate = $4 > 0 ? commas($2 / $4) : ""
    printf "| %s | %s | %s | %.1f | %.1f | %s | %s | %d | %s | %s | %s | %s |\n",
      $1, commas($2), $3, $4, $5, rate, ratio, $6 / 1024, $7, $8, $9, $10
  }' "$runs/results.tsv"

echo
for out in "$runs"/train-*.out; do
  [[ -f "$out" ]] || continue
  label=$(cut -f1 "${out%.out}.label" 2>/dev/null || basename "$out" .out)
  fit=$(sed -n 's/^  features *\(.*\)$/\1/p' "$out")
  valid=$(sed -n 's/^  valid  *\(n=.*\)$/\1/p' "$out")
  echo "- train on $label: $fit; validation (real 2021-02) $valid"
done
[[ -f "$runs/synth.txt" ]] && sed 's/^/- /' "$runs/synth.txt"

cores=$(nproc)
mem=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
java=$(java -version 2>&1 | head -1)
spark=$(tr ':' '\n' < "$here/target/classpath.txt" | sed -n 's|.*/spark-core_[0-9.]*-\([0-9.]*\)\.jar|\1|p' | head -1)
delta=$(tr ':' '\n' < "$here/target/classpath.txt" | sed -n 's|.*/delta-spark_[0-9.]*-\([0-9.]*\)\.jar|\1|p' | head -1)
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo
echo "Machine: $cores cores ($cpu), $mem; $java; Spark $spark (local[2]), Delta $delta; driver heap -Xmx$heap;" \
  "tripcast $commit; $(date -u +%Y-%m-%dT%H:%MZ). Wall s = the whole process (JVM and Spark start included);" \
  "CPU s = its user + system CPU time (JIT and GC threads included; steadier than wall time on a shared machine);" \
  "rows = rows of the month file; peak RSS by $([[ $rss_method == time ]] && echo '/usr/bin/time -v' || echo '/proc VmHWM');" \
  "load 1m = the machine's 1-minute load average when the step ended (above $cores: other work shared the cores)."
