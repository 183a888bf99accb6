"""Loads an Airflow DAG file without Airflow and prints its DAG and rendered task commands as JSON.

    python3 render_dag.py DAG_FILE DATA_INTERVAL_END
    DATA_INTERVAL_END  ISO date-time, e.g. 2021-03-01T06:15:00+00:00

Airflow cannot be installed here, so `airflow`, `airflow.operators.bash` and the Airflow 3
provider path are replaced by recording stubs before the DAG file is executed. Templates are
rendered the way Jinja renders plain `{{ expression }}` placeholders (Python expression
semantics for attribute access, calls and literals), with `params` (attribute access to the DAG
params) and `data_interval_end` (a datetime with pendulum's `subtract`). Any other Jinja syntax
({% ... %}, filters) is refused, so the DAG cannot use something this renderer would get wrong.

Output: {"dag_id", "schedule", "catchup", "max_active_runs", "retries", "retry_delay_seconds",
"doc", "tasks": [{"task_id", "bash_command", "upstream", "skip_on_exit_code", "trigger_rule", "retries"}]}
on stdout.
"""
import calendar
import datetime as dt
import json
import re
import runpy
import sys
import types


class DAG:
    """Records the DAG's keyword arguments and the operators created inside its context."""
    current = None
    created = []

    def __init__(self, dag_id, **kwargs):
        self.dag_id, self.kwargs, self.tasks = dag_id, kwargs, []
        DAG.created.append(self)

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False


class BashOperator:
    """Records task_id, bash_command and dependencies (>> and <<)."""

    def __init__(self, task_id, bash_command, dag=None, **kwargs):
        self.task_id, self.bash_command, self.kwargs, self.upstream = task_id, bash_command, kwargs, []
        (dag or DAG.current).tasks.append(self)

    def __rshift__(self, other):
        for o in other if isinstance(other, list) else [other]:
            o.upstream.append(self.task_id)
        return other

    def __lshift__(self, other):
        for o in other if isinstance(other, list) else [other]:
            self.upstream.append(o.task_id)
        return other


def install_stubs():
    airflow = types.ModuleType("airflow")
    airflow.DAG = DAG
    bash = types.ModuleType("airflow.operators.bash")
    bash.BashOperator = BashOperator
    for name in ["airflow.operators", "airflow.providers", "airflow.providers.standard",
                 "airflow.providers.standard.operators"]:
        sys.modules[name] = types.ModuleType(name)
    sys.modules["airflow"] = airflow
    sys.modules["airflow.operators.bash"] = bash
    sys.modules["airflow.providers.standard.operators.bash"] = bash


class PendulumLike(dt.datetime):
    """A datetime with pendulum's subtract(months=..., days=...): month arithmetic clamps the day."""

    def subtract(self, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0):
        total = self.year * 12 + (self.month - 1) - (years * 12 + months)
        year, month = divmod(total, 12)
        day = min(self.day, calendar.monthrange(year, month + 1)[1])
        moved = self.replace(year=year, month=month + 1, day=day)
        moved = moved - dt.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
        return PendulumLike.fromisoformat(moved.isoformat())


class Params(dict):
    __getattr__ = dict.__getitem__


PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


def render(template, context):
    if "{%" in template or "{#" in template:
        raise SystemExit("render_dag.py renders only {{ expression }} placeholders: " + template)

    def one(match):
        expression = match.group(1).strip()
        if re.search(r"(?<!\|)\|(?!\|)", expression):
            raise SystemExit("render_dag.py does not render Jinja filters: " + expression)
        return str(eval(expression, {}, context))

    return PLACEHOLDER.sub(one, template)


def main(dag_file, interval_end):
    install_stubs()
    module = runpy.run_path(dag_file, run_name="tripcast_dag_under_test")
    if len(DAG.created) != 1:
        raise SystemExit("expected one DAG in %s, found %d" % (dag_file, len(DAG.created)))
    dag = DAG.created[0]
    context = {"params": Params(dag.kwargs.get("params", {})),
               "data_interval_end": PendulumLike.fromisoformat(interval_end)}
    default_args = dag.kwargs.get("default_args", {})
    print(json.dumps({
        "dag_id": dag.dag_id,
        "schedule": dag.kwargs.get("schedule"),
        "catchup": dag.kwargs.get("catchup"),
        "max_active_runs": dag.kwargs.get("max_active_runs"),
        "retries": default_args.get("retries"),
        "retry_delay_seconds": default_args["retry_delay"].total_seconds() if "retry_delay" in default_args else None,
        "doc": module.get("__doc__") or "",
        "tasks": [{"task_id": t.task_id, "bash_command": render(t.bash_command, context), "upstream": t.upstream,
                   "skip_on_exit_code": t.kwargs.get("skip_on_exit_code"),
                   "trigger_rule": t.kwargs.get("trigger_rule", "all_success"),
                   "retries": t.kwargs.get("retries", default_args.get("retries"))}
                  for t in dag.tasks],
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
