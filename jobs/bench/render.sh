#!/usr/bin/env bash
# Renders the Markdown report of a bench run: render.sh RUNS_DIR HEAP RSS_METHOD (see run-bench.sh).
set -euo pipefail
runs=$1 heap=$2 rss_method=$3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

echo "| month | rows | step | wall s | CPU s | rows/s | score ÷ floor | CPU ÷ floor CPU | score (csv) ÷ course (csv) | peak RSS MiB | Spark jobs | stages | tasks | load 1m |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '
  function commas(n,   s) { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); return s }
  NR == 1 { next }
  {
    if ($3 == "floor") { floor[$1] = $4; floorCpu[$1] = $5 }
    if ($3 == "course score (csv)") course[$1] = $4
    ratio = (($3 == "score" || $3 == "score + monitor") && ($1 in floor) && floor[$1] > 0) ? sprintf("%.2f", $4 / floor[$1]) : ""
    cpuRatio = (($3 == "score" || $3 == "score + monitor") && ($1 in floorCpu) && floorCpu[$1] > 0) ? sprintf("%.2f", $5 / floorCpu[$1]) : ""
    vsCourse = ($3 == "score (csv)" && ($1 in course) && course[$1] > 0) ? sprintf("%.2f", $4 / course[$1]) : ""
    rate = $4 > 0 ? commas($2 / $4) : ""
    jobs = ($3 ~ /^course/) ? "-" : $7
    printf "| %s | %s | %s | %.1f | %.1f | %s | %s | %s | %s | %d | %s | %s | %s | %s |\n",
      $1, commas($2), $3, $4, $5, rate, ratio, cpuRatio, vsCourse, $6 / 1024, jobs, ($3 ~ /^course/) ? "-" : $8,
      ($3 ~ /^course/) ? "-" : $9, $10
  }' "$runs/results.tsv"

echo
# The drift pass: score + monitor minus score --no-monitor, and MonitorJob's own timing inside it.
awk -F'\t' -v runs="$runs" '
  NR > 1 && $3 == "score" { wall[$1] = $4; cpu[$1] = $5 }
  NR > 1 && $3 == "score + monitor" && ($1 in wall) && wall[$1] > 0 {
    inside = ""
    if ((getline t < (runs "/" $11 ".drift-pass")) > 0 && t != "") inside = sprintf("; timed inside it %.1f s = %.0f %%", t, 100 * t / wall[$1])
    cpuPct = cpu[$1] > 0 ? 100 * ($5 - cpu[$1]) / cpu[$1] : 0
    printf "- drift pass on %s: score + monitor %.1f s − score %.1f s = %.1f s wall = %.0f %% of score%s; CPU %.1f s = %.0f %%\n", $1, $4, wall[$1], $4 - wall[$1], 100 * ($4 - wall[$1]) / wall[$1], inside, $5 - cpu[$1], cpuPct
  }' "$runs/results.tsv"
for out in "$runs"/train-*.out; do
  [[ -f "$out" ]] || continue
  label=$(cut -f1 "${out%.out}.label" 2>/dev/null || basename "$out" .out)
  fit=$(sed -n 's/^  features *\(.*\)$/\1/p' "$out")
  valid=$(sed -n 's/^  valid  *\(n=.*\)$/\1/p' "$out")
  echo "- train on $label: $fit; validation (real 2021-02) $valid"
done
[[ -f "$runs/synth.txt" ]] && sed 's/^/- /' "$runs/synth.txt"
status=$(cat "$runs/course-status.txt" 2>/dev/null || true)
[[ -n "$status" ]] && echo "- course script: $status"
for out in "$runs"/course-*.out; do # the course script's RMSE next to tripcast's on the same month
  [[ -f "$out" ]] || continue
  step=$(basename "$out" .out)
  if [[ "$step" == course-train ]]; then
    echo "- course-train (real 2021-01, in-sample): RMSE $(awk '$1 == "rmse" {print $2}' "$out"); $(awk '$1 == "phase" {printf "%s%s %s s", sep, $2, $3; sep = ", "}' "$out")"
    continue
  fi
  slug=${step#course-csv-}; slug=${slug#course-parquet-}
  mine=$(sed -n 's/^  overall *n=[0-9]* *RMSE \([0-9.]*\).*/\1/p' "$runs/score-$slug.out" 2>/dev/null)
  phases=$(awk '$1 == "phase" {printf "%s%s %s s", sep, $2, $3; sep = ", "}' "$out")
  echo "- $step: RMSE $(awk '$1 == "rmse" {print $2}' "$out") (scikit-learn, trips kept by 1 <= duration <= 60; tripcast ${mine:-?} on its kept trips); $phases"
done

cores=$(nproc)
mem=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
java=$(java -version 2>&1 | head -1)
spark=$(tr ':' '\n' < "$here/target/classpath.txt" | sed -n 's|.*/spark-core_[0-9.]*-\([0-9.]*\)\.jar|\1|p' | head -1)
delta=$(sed -n "s|.*<delta.version>\(.*\)</delta.version>.*|\1|p" "$here/pom.xml" | head -1) # in the jar, not on classpath.txt
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo
echo "Machine: $cores cores ($cpu), $mem; $java; Spark $spark (local[2]), Delta $delta; driver heap -Xmx$heap;" \
  "tripcast $commit; $(date -u +%Y-%m-%dT%H:%MZ). Wall s = the whole process (JVM and Spark start included);" \
  "CPU s = its user + system CPU time (JIT and GC threads included; steadier than wall time on a shared machine);" \
  "rows = rows of the month file; peak RSS by $([[ $rss_method == time ]] && echo '/usr/bin/time -v' || echo '/proc VmHWM');" \
  "load 1m = the machine's 1-minute load average when the step ended (above $cores: other work shared the cores)."
