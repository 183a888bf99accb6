"""Nightly tripcast on a Spark cluster: score, monitor, retrain when asked, report; an Airflow DAG (Airflow 2.6 or later).

Each night two tasks run through jobs/tripcast-submit (spark-submit):

    nightly_month   tripcast nightly --taxi T --month M [--retrain always] --max-rmse R --html REPORT_DIR/T-M.html
    escalate_month  tripcast sql "<the month's fired checks>"; exit 1   (only when nightly_month ends in a verdict)

`tripcast nightly` is the whole night as one command (docs/monitoring.md): score M with the
champion, monitor it against the model's reference (drift_metrics, checks, the webhook alert),
retrain when a fired check asks for it (a challenger trained on the months before M, evaluated
against the champion on M; docs/lifecycle.md), rescore and monitor M again if the challenger was
promoted, then report. Each step is a run in the runs table, and re-running a night changes
nothing (retrain repeats its decision without training again), so Airflow's retries are safe.

Branching on nightly's exit code:
    0        the night is healthy (nothing fired, or a promoted challenger fixed it): done.
    4, 7, 8  a verdict, not a failure: 4 the month's RMSE is above R, 7 data drift, 8 performance
             breached, still after the night's retrain decision. skip_on_exit_code marks
             nightly_month skipped (retrying would give the same answer), which runs
             escalate_month (trigger_rule all_skipped): it prints the month's fired checks in its
             log and fails, so the run turns red for a person to look at.
    other    a failure (1 other, 2 invalid input, 3 model not found, 5 concurrent change, 9 storage
             full, 10 object store unreachable): retried.

Retraining also happens on the night whose date D has day-of-month RETRAIN_DAY (default 2;
0 = never) whatever the checks say (--retrain always): a monthly refresh.

M is the month before the month of D = data_interval_end, the night the run covers: like the
course, the run for date D scores the month before D (the runs of 2021-03-01 .. 2021-03-31 all
score 2021-02). Scoring replaces that month in the Delta tables, so scoring it again on later
nights is harmless and picks up late TLC corrections or a newly trained model. nightly runs in
client mode so that its output and exit code reach this log; it writes the month's HTML report
(charts, no network needed to open it) to REPORT_DIR, whose path it prints in this log.

Settings, read from the environment when the scheduler parses this file, all overridable per run
with `airflow dags trigger tripcast_nightly --conf '{"taxi": "yellow"}'` (they are DAG params):
    TRIPCAST_HOME         checkout with target/tripcast.jar built (`make package`); /opt/tripcast
    TRIPCAST_CONFIG       tripcast HOCON file; $TRIPCAST_HOME/conf/cluster.conf
    TRIPCAST_MASTER       spark-submit --master; yarn
    TRIPCAST_TAXI         green or yellow; green
    TRIPCAST_MAX_RMSE     report threshold, minutes; 10
    TRIPCAST_REPORT_DIR   where each night's HTML report goes, beside the tables: a local folder or an
                          s3a:// prefix; $TRIPCAST_HOME/reports
Set SPARK_HOME on the Airflow workers to use an installed spark-submit; without it the launcher
runs Spark's SparkSubmit from the jars `make package` resolved.

    TRIPCAST_RETRAIN_DAY  day of the month whose night retrains (1-28; 0 = never); 2

Failures: nightly_month is retried (retries, retry_delay below); retrying does not fix 2 or 3:
fix the cause, then clear the task.

Backfill: catchup is off, so pausing the DAG or deploying it late does not queue old nights.
To score a range of past months, run one backfill instead of a run per past night:
    jobs/tripcast-submit --master yarn --config conf/cluster.conf backfill --taxi green --from 2021-02 --to 2021-05
To redo one night's run (the month before that night):
    airflow dags backfill tripcast_nightly --start-date 2021-03-01 --end-date 2021-03-01 --reset-dagruns
max_active_runs=1 keeps two runs from writing the same Delta tables at once.
"""
import os
from datetime import datetime, timedelta, timezone

from airflow import DAG

try:
    from airflow.providers.standard.operators.bash import BashOperator  # Airflow 3
except ImportError:
    from airflow.operators.bash import BashOperator  # Airflow 2

HOME = os.environ.get("TRIPCAST_HOME", "/opt/tripcast")

# The month to score: the month before the month of the data interval's end (see the docstring).
MONTH = "{{ data_interval_end.subtract(months=1).strftime('%Y-%m') }}"
SUBMIT = "{{ params.home }}/jobs/tripcast-submit --master {{ params.master }} --deploy-mode client"
NIGHTLY_COMMAND = (
    SUBMIT + " --config {{ params.config }}"
    " nightly --taxi {{ params.taxi }} --month " + MONTH
    + "{{ ' --retrain always' if data_interval_end.day == params.retrain_day else '' }}"
    " --max-rmse {{ params.max_rmse }} --html {{ params.report_dir }}/{{ params.taxi }}-" + MONTH + ".html"
)
# nightly's verdicts (docs/monitoring.md): RMSE above --max-rmse, data drift, performance breached.
VERDICTS = [4, 7, 8]
FIRED_CHECKS = (
    "SELECT model_version, rule, level, action, round(value, 4) AS value, threshold, status FROM checks"
    " WHERE taxi_type = '{{ params.taxi }}' AND month = '" + MONTH + "' AND status IN ('warn', 'error')"
    " ORDER BY level, rule"
)
ESCALATE_COMMAND = (
    "echo '{{ params.taxi }} " + MONTH + ": nightly ended in a verdict (exit 4, 7 or 8, see nightly_month)"
    " that the night could not fix; the fired checks:'; "
    + SUBMIT + " --config {{ params.config }} sql \"" + FIRED_CHECKS + "\"; exit 1"
)

with DAG(
    dag_id="tripcast_nightly",
    description="Score, monitor and report the month before the run's month with tripcast; retrain when asked",
    doc_md=__doc__,
    schedule="15 6 * * *",  # 06:15 UTC every night
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=4),
    default_args={
        "owner": "tripcast",
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
        "execution_timeout": timedelta(hours=2),
    },
    params={
        "home": HOME,
        "config": os.environ.get("TRIPCAST_CONFIG", HOME + "/conf/cluster.conf"),
        "master": os.environ.get("TRIPCAST_MASTER", "yarn"),
        "taxi": os.environ.get("TRIPCAST_TAXI", "green"),
        "max_rmse": os.environ.get("TRIPCAST_MAX_RMSE", "10"),
        "report_dir": os.environ.get("TRIPCAST_REPORT_DIR", HOME + "/reports"),
        "retrain_day": int(os.environ.get("TRIPCAST_RETRAIN_DAY", "2")),
    },
    tags=["tripcast", "spark"],
) as dag:
    nightly_month = BashOperator(task_id="nightly_month", bash_command=NIGHTLY_COMMAND, skip_on_exit_code=VERDICTS)
    escalate_month = BashOperator(task_id="escalate_month", bash_command=ESCALATE_COMMAND,
                                  trigger_rule="all_skipped", retries=0)

    nightly_month >> escalate_month
