#!/usr/bin/env python3
# The course's batch scoring script as a column of `make bench`: the peer a user would
# otherwise run on one month. Written for tripcast by us, modelled on the MLOps Zoomcamp's
# 04-deployment/batch/score.py (pandas read, duration filter 1..60 min, PU_DO + trip_distance as
# dicts, DictVectorizer + LinearRegression, predict, write); it is not the course's file. The
# course loads its model from MLflow; here `train` fits the same sklearn pipeline (as the course's
# training notebook does) and pickles it, and `score` loads it, so each step is its own process.
#
#   python3 course_score.py train --train green_2021-01.csv --out model.pkl
#   python3 course_score.py score --model model.pkl --month month.csv --out scored.csv
#
# Input: a TLC green month as CSV (lpep_pickup_datetime, lpep_dropoff_datetime, PULocationID,
# DOLocationID, trip_distance), or Parquet when pyarrow is installed (the file's extension picks).
# Output: one line per phase on stdout, "phase <name> <wall seconds>", then
# "rows <read> <kept>" and "rmse <minutes>" (of the kept rows against their actual duration).
# Needs Debian's python3-pandas and python3-sklearn (apt-get install -y python3-pandas python3-sklearn).
# Note: scikit-learn's LinearRegression on a sparse matrix uses scipy's lsqr, whose default
# tolerances can stop it before the exact least-squares solution (higher RMSE than tripcast's
# normal-equation/L-BFGS fit); the bench reports the RMSE as it comes out.
import argparse
import pickle
import sys
import time

import pandas as pd
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline

PICKUP, DROPOFF = "lpep_pickup_datetime", "lpep_dropoff_datetime"


def phase(name, start):
    now = time.perf_counter()
    print(f"phase {name} {now - start:.2f}", flush=True)
    return now


def read_dataframe(filename):
    if filename.endswith(".parquet"):
        df = pd.read_parquet(filename)
    else:
        df = pd.read_csv(filename, parse_dates=[PICKUP, DROPOFF], low_memory=False)
    read = len(df)
    df["duration"] = (df[DROPOFF] - df[PICKUP]).dt.total_seconds() / 60
    df = df[(df.duration >= 1) & (df.duration <= 60)].copy()
    df["ride_id"] = [f"green-{i}" for i in df.index]  # the course uses uuid4 per row
    return df, read


def prepare_dictionaries(df):
    categorical = ["PULocationID", "DOLocationID"]
    df[categorical] = df[categorical].astype("Int64").astype(str)
    df["PU_DO"] = df["PULocationID"] + "_" + df["DOLocationID"]
    return df[["PU_DO", "trip_distance"]].to_dict(orient="records")


def rmse(actual, predicted):
    return float(((actual - predicted) ** 2).mean() ** 0.5)


def train(args):
    t = time.perf_counter()
    df, read = read_dataframe(args.train)
    t = phase("read", t)
    dicts = prepare_dictionaries(df)
    t = phase("features", t)
    pipeline = make_pipeline(DictVectorizer(), LinearRegression())
    pipeline.fit(dicts, df["duration"].values)
    t = phase("fit", t)
    with open(args.out, "wb") as f:
        pickle.dump(pipeline, f)
    phase("write", t)
    print(f"rows {read} {len(df)}")
    print(f"rmse {rmse(df['duration'].values, pipeline.predict(dicts)):.4f}")


def score(args):
    t = time.perf_counter()
    with open(args.model, "rb") as f:
        pipeline = pickle.load(f)
    t = phase("load_model", t)
    df, read = read_dataframe(args.month)
    t = phase("read", t)
    dicts = prepare_dictionaries(df)
    t = phase("features", t)
    y_pred = pipeline.predict(dicts)
    t = phase("predict", t)
    result = pd.DataFrame()
    result["ride_id"] = df["ride_id"]
    result[PICKUP] = df[PICKUP]
    result["PULocationID"] = df["PULocationID"]
    result["DOLocationID"] = df["DOLocationID"]
    result["actual_duration"] = df["duration"]
    result["predicted_duration"] = y_pred
    result["diff"] = result["actual_duration"] - result["predicted_duration"]
    result["model_version"] = "course-script"
    if args.out.endswith(".parquet"):
        result.to_parquet(args.out, index=False)
    else:
        result.to_csv(args.out, index=False)
    phase("write", t)
    print(f"rows {read} {len(df)}")
    print(f"rmse {rmse(result['actual_duration'].values, y_pred):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train")
    p.add_argument("--train", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("score")
    p.add_argument("--model", required=True)
    p.add_argument("--month", required=True)
    p.add_argument("--out", required=True)
    args = parser.parse_args()
    (train if args.command == "train" else score)(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
