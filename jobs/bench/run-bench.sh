#!/usr/bin/env bash
# make bench: tripcast's scoring throughput side by side with Spark's own floor (docs/performance.md).
# Not part of `make test`. Needs only what `make package` needs (JDK 17, Maven) plus bash/awk;
# peak memory comes from /usr/bin/time -v when it exists, else from polling /proc/PID/status.
#
# For the real green 2021-01 and for synthetic months of BENCH_SIZES rows (resampled from the
# real 2021-01 by `tripcast synth`, kept under $BENCH_DIR/data and reused), it runs one process
# per step, one after the other, all with conf/local.conf's Spark settings (local[2], 4 shuffle
# partitions, UI off) and the same driver heap (-Xmx$BENCH_HEAP):
#   floor  dev.tripcast.bench.Floor: read the columns scoring reads, write them to Delta, nothing else
#   score  tripcast score --no-monitor with model v1 (trained here on the real 2021-01, validated on 2021-02)
#   score + monitor  tripcast score as shipped, which monitors the month it scored: the drift pass
#          (target: at most 25 % of score's time) is the difference, and MonitorJob's
#          own timing of it in that process; both are printed under the table
#   train  tripcast train on the real 2021-01 (model v1, first, with the default feature set), on
#          the synthetic BENCH_TRAIN_ROWS month, and on the real 2021-01 again with each of
#          BENCH_FEATURE_SETS (last, each in its own registry), all validated on the real 2021-02;
#          the step is named after the feature set ("train extended")
# and prints a Markdown table, also written to $BENCH_DIR/latest.md and, under a header naming the
# commit, the machine and these parameters, to $BENCH_RESULTS (docs/bench/results.md, which the docs
# link to): wall seconds of the process,
# process CPU seconds, rows per second, score/floor on the same month, peak RSS, Spark jobs/stages/tasks,
# load average.
# Per-job timings of every step: $BENCH_DIR/runs/<step>.counts.jobs.tsv; logs beside them.
#
# The course's script as a column: when Debian's python3-pandas and python3-sklearn are
# installed (apt-get install -y python3-pandas python3-sklearn), each month is also exported once
# to CSV (dev.tripcast.bench.CsvExport) and scored three ways from the same file:
#   course score (csv)      jobs/bench/course_score.py: pandas + DictVectorizer + LinearRegression,
#                           trained once on the real 2021-01 CSV (step "course train")
#   course score (parquet)  the same from the Parquet month, only if pyarrow is installed too
#   score (csv)             tripcast score on the CSV copy
# Otherwise the table says "course script: not installed". BENCH_COURSE=0 skips the column.
#
# Environment (all optional):
#   BENCH_SIZES="1000000 3000000 10000000"  synthetic month sizes, rows
#   BENCH_TRAIN_ROWS=3000000                rows of the synthetic month trained on; 0 skips that step
#   BENCH_FEATURE_SETS="course homework"    other feature sets trained on the real 2021-01; "" skips them
#   BENCH_HEAP=2g                           driver heap of every step (-Xmx)
#   BENCH_DIR=target/bench                  work folder
#   BENCH_SEED=42                           seed of the synthetic months
#   BENCH_RSS=auto                          auto | time (/usr/bin/time -v) | proc (poll /proc)
#   BENCH_COURSE=1                          0 skips the course script's column and the CSV steps
#   BENCH_PYTHON=/usr/bin/python3           the Python with Debian's pandas and scikit-learn
#   BENCH_RESULTS=docs/bench/results.md     the generated results page; "" leaves it alone (quick runs)
# An FHVHV-sized month (20M trips with a 2 GB heap): BENCH_SIZES="1000000 3000000 10000000 20000000".
# Quick check: BENCH_SIZES="200000 1000000" BENCH_TRAIN_ROWS=200000 make bench
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=(${BENCH_SIZES:-1000000 3000000 10000000})
train_rows="${BENCH_TRAIN_ROWS:-3000000}"
feature_sets=(${BENCH_FEATURE_SETS-course homework})
heap="${BENCH_HEAP:-2g}"
work="$(mkdir -p "${BENCH_DIR:-$here/target/bench}" && cd "${BENCH_DIR:-$here/target/bench}" && pwd)"
seed="${BENCH_SEED:-42}"
rss_method="${BENCH_RSS:-auto}"
taxi=green source_month=2021-01 valid_month=2021-02 synth_month=2031-01
real_root="$here/data/tlc"
course="${BENCH_COURSE:-1}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
results_page="${BENCH_RESULTS-$here/docs/bench/results.md}"
course_status=""
if [[ "$course" != 0 ]]; then
  if ! "$python" -c 'import pandas, sklearn' 2>/dev/null; then
    course_status="not installed (apt-get install -y python3-pandas python3-sklearn)"
  elif ! "$python" -c 'import pyarrow' 2>/dev/null; then
    course_status="parquet: pyarrow not installed"
  fi
fi

if [[ "$rss_method" == auto ]]; then
  rss_method=$([[ -x /usr/bin/time ]] && echo time || echo proc)
fi
if [[ ! -f "$here/target/tripcast.jar" || ! -f "$here/target/classpath.txt" ]]; then
  echo "[ERROR] target/tripcast.jar missing: run 'make package' first (make bench does)" >&2
  exit 2
fi

runs="$work/runs"
rm -rf "$runs" "$work/warehouse" "$work/models" "$work/models-train" "$work"/models-[a-z]*
mkdir -p "$runs" "$work/data"
results="$runs/results.tsv"
printf 'month\trows\tstep\twall_s\tcpu_s\trss_kb\tjobs\tstages\ttasks\tload1\tname\n' > "$results"
conf="$work/bench.conf"
cat > "$conf" <<EOF
# Written by jobs/bench/run-bench.sh: conf/local.conf's settings; paths are set per step with -D.
include file("$here/conf/local.conf")
tripcast.paths.model-root = "$work/models"
EOF

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# run_step NAME DATA_ROOT WAREHOUSE MAIN ARGS...: runs one process; sets WALL, CPU_S (user + system
# seconds of the process, steadier than wall time when other work shares the cores), RSS_KB; exits on failure.
run_step() {
  local name=$1 data_root=$2 warehouse=$3 main=$4
  shift 4
  local out="$runs/$name" rc=0 t0 t1 pid peak hwm ticks=0 t
  [[ -n "${KEEP_WAREHOUSE:-}" ]] || rm -rf "$warehouse"
  export TRIPCAST_MAIN="$main"
  export TRIPCAST_JAVA_OPTS="-Xmx$heap -Dtripcast.paths.data-root=$data_root -Dtripcast.paths.warehouse-root=$warehouse \
-Dspark.extraListeners=dev.tripcast.bench.SparkJobCounter -Dspark.tripcast.bench.counts=$out.counts ${STEP_OPTS:-}"
  log "$name: $*"
  t0=$(date +%s.%N)
  if [[ "$rss_method" == time ]]; then
    /usr/bin/time -v -o "$out.time" "$here/jobs/tripcast" "$@" --config "$conf" >"$out.out" 2>"$out.log" || rc=$?
    RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$out.time")
    CPU_S=$(awk -F': *' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$out.time")
  else
    "$here/jobs/tripcast" "$@" --config "$conf" >"$out.out" 2>"$out.log" &
    pid=$! peak=0
    while kill -0 "$pid" 2>/dev/null; do # jobs/tripcast execs java: $pid is the JVM; VmHWM is its peak RSS
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$hwm" && "$hwm" -gt "$peak" ]] && peak=$hwm
      t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true) # utime + stime, clock ticks
      [[ -n "$t" ]] && ticks=$t
      sleep 0.2
    done
    wait "$pid" || rc=$?
    RSS_KB=$peak
    CPU_S=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}') # to the last poll
  fi
  t1=$(date +%s.%N)
  unset TRIPCAST_MAIN TRIPCAST_JAVA_OPTS
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  if [[ $rc -ne 0 && " ${ALLOW_EXIT:-} " != *" $rc "* ]]; then
    log "$name failed (exit $rc): see $out.log"
    tail -5 "$out.log" >&2
    exit "$rc"
  fi
  cat "$out.out" >&2
}

# run_cmd NAME CMD...: runs any command (the course script, the CSV export) with the same
# measurements as run_step (WALL, CPU_S, RSS_KB); exits on failure.
run_cmd() {
  local name=$1 out="$runs/$1" rc=0 t0 t1
  shift
  log "$name: $*"
  t0=$(date +%s.%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$out.time" "$@" >"$out.out" 2>"$out.log" || rc=$?
    RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$out.time")
    CPU_S=$(awk -F': *' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$out.time")
  else
    "$@" >"$out.out" 2>"$out.log" || rc=$?
    RSS_KB=0 CPU_S=0
  fi
  t1=$(date +%s.%N)
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  if [[ $rc -ne 0 ]]; then
    log "$name failed (exit $rc): see $out.log"
    tail -5 "$out.log" >&2
    exit "$rc"
  fi
}

# record MONTH ROWS STEP NAME: appends the last run's figures to results.tsv.
record() {
  local counts="$runs/$4.counts"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$WALL" "$CPU_S" "$RSS_KB" \
    "$(awk '$1 == "jobs" {print $2}' "$counts" 2>/dev/null || echo '?')" \
    "$(awk '$1 == "stages" {print $2}' "$counts" 2>/dev/null || echo '?')" \
    "$(awk '$1 == "tasks" {print $2}' "$counts" 2>/dev/null || echo '?')" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$4" >> "$results"
}

# ensure_synth ROWS: the synthetic month of ROWS rows under $work/data/synth-ROWS/synthetic (reused if present).
ensure_synth() {
  local rows=$1 dir="$work/data/synth-$1"
  local file="$dir/synthetic/${taxi}_tripdata_${synth_month}.parquet"
  if [[ -f "$file" ]] && grep -q "\"seed\" : $seed," "$dir/synthetic/_SYNTHETIC.json" 2>/dev/null; then
    return
  fi
  run_step "synth-$rows" "$real_root" "$work/warehouse/unused" dev.tripcast.cli.Tripcast \
    synth --taxi "$taxi" --from "$source_month" --month "$synth_month" --rows "$rows" --seed "$seed" --out "$dir"
  printf 'synth %s rows: %s s\n' "$rows" "$WALL" >> "$runs/synth.txt"
}

# ensure_csv SLUG PARQUET: the month's CSV copy, $work/data/csv-SLUG/<same name>.csv (reused if present).
ensure_csv() {
  local dir="$work/data/csv-$1" parquet=$2 name
  name=$(basename "$parquet" .parquet).csv
  [[ -f "$dir/$name" ]] && return
  mkdir -p "$dir"
  TRIPCAST_MAIN=dev.tripcast.bench.CsvExport run_cmd "csv-$1" "$here/jobs/tripcast" "$parquet" "$dir/$name.tmp"
  mv "$dir/$name.tmp" "$dir/$name"
}

# course_month SLUG LABEL PARQUET MONTH: the course script from CSV (and Parquet), then tripcast score from CSV.
course_month() {
  local slug=$1 label=$2 parquet=$3 month=$4 csv name rows
  [[ "$course" == 0 || "$course_status" == "not installed"* ]] && return
  ensure_csv "$slug" "$parquet"
  csv="$work/data/csv-$slug/$(basename "$parquet" .parquet).csv"
  if [[ ! -f "$work/course-model.pkl" ]]; then
    ensure_csv real "$real_root/${taxi}_tripdata_${source_month}.parquet"
    run_cmd course-train "$python" "$here/jobs/bench/course_score.py" train \
      --train "$work/data/csv-real/${taxi}_tripdata_${source_month}.csv" --out "$work/course-model.pkl"
    record "$real_label" "$(awk '$1 == "rows" {print $2}' "$runs/course-train.out")" "course train (csv)" course-train
    printf 'course train\t%s\n' "$(awk '$1 == "rmse" {print $2}' "$runs/course-train.out")" > "$runs/course-train.rmse"
  fi
  for format in csv parquet; do
    [[ "$format" == parquet && -n "$course_status" ]] && continue
    name="course-$format-$slug"
    run_cmd "$name" "$python" "$here/jobs/bench/course_score.py" score --model "$work/course-model.pkl" \
      --month "$([[ $format == csv ]] && echo "$csv" || echo "$parquet")" --out "$runs/$name.result.$format"
    rm -f "$runs/$name.result.$format"
    record "$label" "$(awk '$1 == "rows" {print $2}' "$runs/$name.out")" "course score ($format)" "$name"
  done
  run_step "score-csv-$slug" "$work/data/csv-$slug" "$work/warehouse/score-csv-$slug" dev.tripcast.cli.Tripcast \
    score --taxi "$taxi" --month "$month" --model-version v1 --no-monitor
  rows=$(sed -n 's/^  rows *read \([0-9]*\),.*/\1/p' "$runs/score-csv-$slug.out")
  record "$label" "$rows" "score (csv)" "score-csv-$slug"
}

# bench_month SLUG LABEL DATA_ROOT MONTH: floor, then score --no-monitor, then score (monitoring
# on, as shipped), of one month.
bench_month() {
  local slug=$1 label=$2 root=$3 month=$4 rows
  run_step "floor-$slug" "$root" "$work/warehouse/floor-$slug" dev.tripcast.bench.Floor \
    --taxi "$taxi" --month "$month"
  rows=$(sed -n 's/.*wrote \([0-9]*\) rows.*/\1/p' "$runs/floor-$slug.out")
  record "$label" "$rows" floor "floor-$slug"
  run_step "score-$slug" "$root" "$work/warehouse/score-$slug" dev.tripcast.cli.Tripcast \
    score --taxi "$taxi" --month "$month" --model-version v1 --no-monitor
  rows=$(sed -n 's/^  rows *read \([0-9]*\),.*/\1/p' "$runs/score-$slug.out")
  record "$label" "$rows" score "score-$slug"
  # score as shipped: it monitors the month it scored (the drift pass), in a new warehouse
  run_step "score-monitor-$slug" "$root" "$work/warehouse/score-monitor-$slug" dev.tripcast.cli.Tripcast \
    score --taxi "$taxi" --month "$month" --model-version v1
  record "$label" "$rows" "score + monitor" "score-monitor-$slug"
  sed -n 's/.*MonitorJob: monitored .* in \([0-9.]*\) s$/\1/p' "$runs/score-monitor-$slug.log" \
    > "$runs/score-monitor-$slug.drift-pass"
}

# train_month SLUG LABEL DATA_ROOT MONTH: train on MONTH, validate on the real 2021-02; the step is
# "train <feature set>", the feature set read from the summary (STEP_OPTS=-D... may choose another).
train_month() {
  local slug=$1 label=$2 root=$3 month=$4 rows feature_set
  run_step "train-$slug" "$root" "$work/warehouse/train-$slug" dev.tripcast.cli.Tripcast \
    train --taxi "$taxi" --train "$month" --valid "$valid_month"
  rows=$(sed -n 's/^  train *read \([0-9]*\),.*/\1/p' "$runs/train-$slug.out")
  feature_set=$(sed -n 's/^  features *[0-9]* (\([a-z]*\):.*/\1/p' "$runs/train-$slug.out")
  record "$label" "$rows" "train ${feature_set:-?}" "train-$slug"
  printf '%s\t' "$label" > "$runs/train-$slug.label"
}

log "work folder $work; sizes ${sizes[*]}; train on ${train_rows}; heap $heap; peak RSS by $rss_method"
for rows in "${sizes[@]}"; do ensure_synth "$rows"; done
[[ "$train_rows" != 0 ]] && ensure_synth "$train_rows"

real_label="$taxi $source_month (real)"
train_month real "$real_label" "$real_root" "$source_month" # model v1, scored with below
bench_month real "$real_label" "$real_root" "$source_month"
course_month real "$real_label" "$real_root/${taxi}_tripdata_${source_month}.parquet" "$source_month"
for rows in "${sizes[@]}"; do
  bench_month "synth-$rows" "synthetic $rows" "$work/data/synth-$rows/synthetic" "$synth_month"
  course_month "synth-$rows" "synthetic $rows" "$work/data/synth-$rows/synthetic/${taxi}_tripdata_${synth_month}.parquet" "$synth_month"
done
if [[ "$train_rows" != 0 ]]; then
  # TrainJob reads both months from one data root: the synthetic month and the real validation month, linked.
  mixed="$work/data/train-$train_rows"
  rm -rf "$mixed" && mkdir -p "$mixed"
  ln -s "$work/data/synth-$train_rows/synthetic/${taxi}_tripdata_${synth_month}.parquet" "$mixed/"
  ln -s "$real_root/${taxi}_tripdata_${valid_month}.parquet" "$mixed/"
  # its own registry, so that model v1 stays the one trained on the real month
  sed -i "s|^tripcast.paths.model-root = .*|tripcast.paths.model-root = \"$work/models-train\"|" "$conf"
  train_month "synth-$train_rows" "synthetic $train_rows" "$mixed" "$synth_month"
fi
# Train cost per feature set on the real month, each in its own registry (model v1 stays the default's).
for feature_set in "${feature_sets[@]}"; do
  STEP_OPTS="-Dtripcast.model.feature-set=$feature_set -Dtripcast.paths.model-root=$work/models-$feature_set" \
    train_month "real-$feature_set" "$real_label" "$real_root" "$source_month"
done

printf '%s\n' "$course_status" > "$runs/course-status.txt"
"$here/jobs/bench/render.sh" "$runs" "$heap" "$rss_method" | tee "$work/latest.md"
log "table written to $work/latest.md"
if [[ -n "$results_page" ]]; then
  commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit with uncommitted changes"
  mkdir -p "$(dirname "$results_page")"
  {
    echo "# make bench: results"
    echo
    echo "Generated by \`make bench\` (jobs/bench/run-bench.sh); do not edit by hand, re-run it. What each"
    echo "step and column means, and the targets: [performance.md](../performance.md)."
    echo
    echo "Run: tripcast $commit, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ) (UTC). Parameters:"
    echo "\`BENCH_SIZES=\"${sizes[*]}\" BENCH_TRAIN_ROWS=$train_rows BENCH_FEATURE_SETS=\"${feature_sets[*]}\"" \
      "BENCH_HEAP=$heap BENCH_SEED=$seed BENCH_COURSE=$course BENCH_RSS=$rss_method\`."
    echo
    cat "$work/latest.md"
  } > "$results_page.tmp"
  mv "$results_page.tmp" "$results_page"
  log "results page written to $results_page"
fi
