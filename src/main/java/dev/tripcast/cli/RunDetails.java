package dev.tripcast.cli;

import dev.tripcast.features.DropCounts;
import dev.tripcast.jobs.BackfillJob;
import dev.tripcast.jobs.ReportJob;
import dev.tripcast.jobs.RetrainJob;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.tables.Warehouse.Commit;
import dev.tripcast.jobs.RunLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each job's {@code runs} row records of its result (model, metrics in minutes, commits, inputs). */
final class RunDetails {
  private RunDetails() {}

  /**
   * A score: model used, the month's overall and seen/unseen RMSE (the shadow model's prefixed
   * {@code shadow_v2_}), the commits (error_report: the last), the month file.
   */
  static RunLog.Details score(ScoreJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    putReport(metrics, "", r.report());
    Map<String, Long> commits = new LinkedHashMap<>(commits(r.scoredTrips(), r.errorReport(), r.dataQuality()));
    r.shadow().ifPresent(shadow -> {
      putReport(metrics, "shadow_" + shadow.modelVersion() + "_", shadow.report());
      commits.putAll(commits(shadow.trips(), shadow.errorReport()));
    });
    return new RunLog.Details(r.modelVersion(), metrics, commits, List.of(r.quality().counts()));
  }

  /** Both runs' metrics and commits in one row (score, then its monitoring): {@code first}'s model and inputs. */
  static RunLog.Details merge(RunLog.Details first, RunLog.Details then) {
    Map<String, Double> metrics = new LinkedHashMap<>(first.metrics());
    metrics.putAll(then.metrics());
    Map<String, Long> commits = new LinkedHashMap<>(first.commits());
    commits.putAll(then.commits());
    return new RunLog.Details(first.modelVersion(), metrics, commits, first.inputs());
  }

  /** A backfill: model used, each month's overall RMSE ({@code 2021-02_overall_rmse}), the last commits, every file. */
  static RunLog.Details backfill(BackfillJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Long> commits = new LinkedHashMap<>();
    List<DropCounts> inputs = new ArrayList<>();
    for (ScoreJob.Result m : r.months()) {
      putReport(metrics, m.quality().month() + "_", m.report());
      commits.putAll(commits(m.scoredTrips(), m.errorReport(), m.dataQuality()));
      inputs.add(m.quality().counts());
    }
    return new RunLog.Details(r.modelVersion(), metrics, commits, inputs);
  }

  /** A training: the version produced, its card's RMSE per metric key, the data_quality commit, every file. */
  static RunLog.Details train(TrainJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    r.saved().card().metrics().forEach((k, m) -> metrics.put(k + "_rmse", m.rmse()));
    List<DropCounts> inputs = new ArrayList<>(r.train());
    inputs.addAll(r.valid());
    return new RunLog.Details(r.saved().version(), metrics, commits(r.dataQuality()), inputs);
  }

  /**
   * A retrain: the challenger's version, the decision's figures ({@code overall_champion_rmse},
   * {@code overall_challenger_rmse}, ..., thresholds) and {@code promoted} (1 or 0), the
   * error_report commit, and the training's files if it trained.
   */
  static RunLog.Details retrain(RetrainJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>(r.decision().metrics());
    metrics.put("promoted", r.promoted() ? 1.0 : 0.0);
    Map<String, Long> commits = new LinkedHashMap<>();
    r.trained().ifPresent(t -> commits.putAll(commits(t.dataQuality())));
    r.errorReport().ifPresent(c -> commits.putAll(commits(c)));
    List<DropCounts> inputs = new ArrayList<>();
    r.trained().ifPresent(t -> {
      inputs.addAll(t.train());
      inputs.addAll(t.valid());
    });
    return new RunLog.Details(r.challenger(), metrics, commits, inputs);
  }

  /** A report: the model that scored the month and its overall RMSE. */
  static RunLog.Details report(ReportJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    putReport(metrics, "", r.rows());
    return new RunLog.Details(r.modelVersion(), metrics, Map.of(), List.of());
  }

  private static void putReport(Map<String, Double> metrics, String prefix, List<ErrorMetrics> rows) {
    for (ErrorMetrics m : rows) {
      if ("overall".equals(m.dimension())) {
        metrics.put(prefix + "overall_rmse", m.rmse());
        metrics.put(prefix + "overall_mae", m.mae());
      } else if ("pu_do_seen".equals(m.dimension())) {
        metrics.put(prefix + m.segment() + "_rmse", m.rmse()); // segments "seen" and "unseen"
      }
    }
  }

  private static Map<String, Long> commits(Commit... commits) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Commit c : commits) {
      out.put(c.table(), c.version());
    }
    return out;
  }
}
