"""Nightly tripcast scoring on a Spark cluster, with monthly retraining: an Airflow DAG (Airflow 2.6 or later).

Each night these tasks run through jobs/tripcast-submit (spark-submit):

    score_month    tripcast score   --taxi T --month M                    (the champion scores M)
    retrain_month  tripcast retrain --taxi T --month M                    (only on day RETRAIN_DAY)
    rescore_month  tripcast score   --taxi T --month M                    (only if retrain promoted)
    report_month   tripcast report  --taxi T --month M --max-rmse R --html REPORT_DIR/T-M.html

Retraining: on the night whose date D has day-of-month RETRAIN_DAY (default 2, i.e. once a month;
0 = never), retrain_month trains a challenger on the months before M and evaluates it against
the champion on M (docs/lifecycle.md). It branches on retrain's exit code: 0 (promoted) lets
rescore_month score M again with the new champion; 6 (champion kept) and 99 (not a retrain
night) mark it skipped, so rescore_month is skipped too; any other code fails it. report_month
runs when nothing upstream failed. Re-running a night repeats retrain's decision without
training again.

M is the month before the month of D = data_interval_end, the night the run covers: like the
course, the run for date D scores the month before D (the runs of 2021-03-01 .. 2021-03-31 all
score 2021-02). Scoring replaces that month in the Delta tables, so scoring it again on later
nights is harmless and picks up late TLC corrections or a newly trained model. report prints the
month's error report and fails the run (exit 4) when its overall RMSE is above R minutes; it runs
in client mode so that its output and exit code reach this log, and it writes the month's HTML
report (charts, no network needed to open it) to REPORT_DIR, whose path it prints in this log.

Settings, read from the environment when the scheduler parses this file, all overridable per run
with `airflow dags trigger tripcast_nightly --conf '{"taxi": "yellow"}'` (they are DAG params):
    TRIPCAST_HOME         checkout with target/tripcast.jar built (`make package`); /opt/tripcast
    TRIPCAST_CONFIG       tripcast HOCON file; $TRIPCAST_HOME/conf/cluster.conf
    TRIPCAST_MASTER       spark-submit --master; yarn
    TRIPCAST_DEPLOY_MODE  spark-submit --deploy-mode of the score task; client
    TRIPCAST_TAXI         green or yellow; green
    TRIPCAST_MAX_RMSE     report threshold, minutes; 10
    TRIPCAST_REPORT_DIR   where each night's HTML report goes, beside the tables: a local folder or an
                          s3a:// prefix; $TRIPCAST_HOME/reports
Set SPARK_HOME on the Airflow workers to use an installed spark-submit; without it the launcher
runs Spark's SparkSubmit from the jars `make package` resolved.

    TRIPCAST_RETRAIN_DAY  day of the month whose night retrains (1-28; 0 = never); 2

Failures: each task is retried (retries, retry_delay below). Exit codes of jobs/tripcast-submit:
1 other failure (worth a retry), 2 invalid input, 3 model not found, 4 RMSE above the threshold,
5 a concurrent change won (retry), 6 retrain kept the champion (a decision: the task is skipped)
(retrying does not fix 2-4: fix the cause, then clear the task).

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
SUBMIT = "{{ params.home }}/jobs/tripcast-submit --master {{ params.master }}"
SCORE_COMMAND = (
    SUBMIT + " --deploy-mode {{ params.deploy_mode }} --config {{ params.config }}"
    " score --taxi {{ params.taxi }} --month " + MONTH
)
# Exit 99 (Airflow's skip code) on nights that do not retrain; retrain's own 6 means "champion kept".
NOT_RETRAIN_NIGHT = 99
CHAMPION_KEPT = 6
RETRAIN_COMMAND = (
    "if [ {{ data_interval_end.day }} != {{ params.retrain_day }} ]; then"
    " echo 'not a retrain night (day {{ params.retrain_day }} of the month)'; exit " + str(NOT_RETRAIN_NIGHT) + "; fi; "
    + SUBMIT + " --deploy-mode client --config {{ params.config }}"
    " retrain --taxi {{ params.taxi }} --month " + MONTH
)
REPORT_COMMAND = (
    SUBMIT + " --deploy-mode client --config {{ params.config }}"
    " report --taxi {{ params.taxi }} --month " + MONTH + " --max-rmse {{ params.max_rmse }}"
    " --html {{ params.report_dir }}/{{ params.taxi }}-" + MONTH + ".html"
)

with DAG(
    dag_id="tripcast_nightly",
    description="Score the month before the run's month with tripcast, retrain monthly, then report its error",
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
        "deploy_mode": os.environ.get("TRIPCAST_DEPLOY_MODE", "client"),
        "taxi": os.environ.get("TRIPCAST_TAXI", "green"),
        "max_rmse": os.environ.get("TRIPCAST_MAX_RMSE", "10"),
        "report_dir": os.environ.get("TRIPCAST_REPORT_DIR", HOME + "/reports"),
        "retrain_day": int(os.environ.get("TRIPCAST_RETRAIN_DAY", "2")),
    },
    tags=["tripcast", "spark"],
) as dag:
    score_month = BashOperator(task_id="score_month", bash_command=SCORE_COMMAND)
    retrain_month = BashOperator(task_id="retrain_month", bash_command=RETRAIN_COMMAND,
                                 skip_on_exit_code=[NOT_RETRAIN_NIGHT, CHAMPION_KEPT])
    rescore_month = BashOperator(task_id="rescore_month", bash_command=SCORE_COMMAND)
    report_month = BashOperator(task_id="report_month", bash_command=REPORT_COMMAND, trigger_rule="none_failed")

    score_month >> retrain_month >> rescore_month >> report_month
