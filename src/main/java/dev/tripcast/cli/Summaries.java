package dev.tripcast.cli;

import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.jobs.ReportJob;
import dev.tripcast.jobs.RetrainJob;
import dev.tripcast.model.ChallengerDecision;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.model.MetricKey;
import dev.tripcast.model.ModelCard;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.synth.SyntheticMonth;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** The short human-readable summaries the subcommands print on stdout. */
final class Summaries {
  /** Zones with fewer scored trips are left out of the worst-zone list (their RMSE is noise). */
  static final int MIN_TRIPS_FOR_WORST_ZONES = 100;

  private Summaries() {}

  static void train(PrintWriter out, TrainJob.Result r) {
    ModelCard card = r.saved().card();
    out.printf("trained %s %s (%s, train %s, valid %s)%n", card.name(), card.version(), card.taxiType(),
        String.join(",", card.trainMonths()), String.join(",", card.validMonths()));
    out.printf("  saved to        %s%n", r.saved().path());
    out.printf("  features        %d (%s: %d PU_DO values seen%s); %s, %d iterations, final loss %.6f%n",
        card.numFeatures(), card.featureSet(), card.puDoVocabularySize(),
        "extended".equals(card.featureSet()) ? ", zones, distance spline, pickup hour x weekday, zone groups" : " + trip_distance",
        card.training().solver(), card.training().iterations(), card.training().finalLoss());
    if (card.regularisation() != null) {
      ModelCard.Regularisation reg = card.regularisation();
      out.printf("  regParam        %s, chosen by RMSE on pickups from %s (n=%d, fitted on n=%d): %s%n",
          reg.regParam(), reg.holdoutStart(), reg.holdoutRows(), reg.fitRows(), reg.holdoutRmse());
    }
    counts(out, "train", DropCounts.total("train", r.train()));
    counts(out, "valid", DropCounts.total("valid", r.valid()));
    metric(out, "train", card, MetricKey.TRAIN);
    metric(out, "valid", card, MetricKey.VALID);
    metric(out, "valid seen", card, MetricKey.VALID_SEEN);
    metric(out, "valid unseen", card, MetricKey.VALID_UNSEEN);
    card.metric(MetricKey.VALID_UNSEEN_WITHOUT_BACKOFF).ifPresent(unseen ->
        out.printf("  (without the unseen-PU_DO back-off: valid RMSE %.4f, unseen RMSE %.4f)%n",
            card.metric(MetricKey.VALID_WITHOUT_BACKOFF).orElseThrow().rmse(), unseen.rmse()));
    out.flush();
  }

  static void score(PrintWriter out, ScoreJob.Result r) {
    r.notices().forEach(n -> out.println("note: " + n));
    out.printf("scored %s with model %s%n", r.quality().month(), r.modelVersion());
    counts(out, "rows", r.quality().counts());
    out.printf("  input           %s; unknown zones %.2f%%; pickups %s .. %s%n", r.quality().sourceSchema(),
        100 * r.quality().unknownZoneShare(), r.quality().minPickup(), r.quality().maxPickup());
    errors(out, r.report());
    out.printf("  Delta tables    scored_trips v%d  %s%n", r.scoredTrips().version(), r.scoredTrips().path());
    out.printf("                  error_report v%d  %s%n", r.errorReport().version(), r.errorReport().path());
    out.printf("                  data_quality v%d  %s%n", r.dataQuality().version(), r.dataQuality().path());
    r.shadow().ifPresent(shadow -> {
      out.printf("shadow-scored %s with model %s (not served: shadow_trips; compare in error_report by model_version)%n",
          r.quality().month(), shadow.modelVersion());
      errors(out, shadow.report());
      out.printf("  Delta tables    shadow_trips v%d  %s%n", shadow.trips().version(), shadow.trips().path());
      out.printf("                  error_report v%d  %s%n", shadow.errorReport().version(), shadow.errorReport().path());
    });
    out.flush();
  }

  static void retrain(PrintWriter out, RetrainJob.Result r) {
    r.notices().forEach(n -> out.println("note: " + n));
    ChallengerDecision d = r.decision();
    String verdict = r.promoted() ? "PROMOTED " + r.challenger() + " to @champion" + (r.champion() == null ? ""
        : " (was " + r.champion() + ")") : "KEPT champion " + r.champion() + " (challenger " + r.challenger() + ")";
    out.printf("retrain: %s%n", verdict);
    out.printf("  challenger      %s, trained on %s%s%n", r.challenger(), r.trainMonths(),
        r.trained().isPresent() ? " (trained now)" : " (registered earlier with the same fingerprint: not trained again)");
    r.repeated().ifPresent(e -> out.printf("  decided before  by run %s at %s: same data and settings, same decision%n",
        e.runId(), e.time()));
    if (!d.segments().isEmpty()) {
      out.printf("  %-14s %10s %12s %12s %10s%n", "RMSE (min)", "trips", "champion", "challenger", "change");
      for (ChallengerDecision.Segment s : d.segments()) {
        out.printf("  %-14s %,10d %12.4f %12.4f %+10.4f%n", s.name(), s.n(), s.championRmse(), s.challengerRmse(),
            s.change());
      }
      out.printf("  rule            better by >= %.4f overall, not worse by > %.4f on seen or unseen pairs%n",
          d.policy().marginMinutes(), d.policy().segmentToleranceMinutes());
    }
    d.reasons().forEach(reason -> out.printf("  because         %s%n", reason));
    r.registryEvents().forEach(e -> out.printf("  model_registry  %s %s%s%n", e.event(), e.version(),
        e.alias() == null ? "" : " @" + e.alias()));
    r.errorReport().ifPresent(c -> out.printf("  Delta table     error_report v%d  %s (both versions' rows)%n", c.version(),
        c.path()));
    out.flush();
  }

  static void report(PrintWriter out, ReportJob.Result r) {
    out.printf("error report %s %s (model %s)%n", r.taxiType().id(), r.month(), r.modelVersion());
    for (DropCounts c : r.quality()) {
      counts(out, "rows", c);
    }
    errors(out, r.rows());
    out.printf("  Delta table     error_report v%d  %s%n", r.tableVersion(), r.table());
    out.flush();
  }

  /** The overall, seen/unseen and worst-zone lines of a month's error report rows. */
  private static void errors(PrintWriter out, List<ErrorMetrics> report) {
    report.stream().filter(row -> row.is(ReportDimension.OVERALL)).findFirst().ifPresent(row ->
        out.printf("  overall         n=%d  RMSE %.4f  MAE %.4f  bias %+.4f  p50|e| %.3f  p90|e| %.3f%n",
            row.n(), row.rmse(), row.mae(), row.bias(), row.p50AbsError(), row.p90AbsError()));
    report.stream().filter(row -> row.is(ReportDimension.PU_DO_SEEN))
        .sorted(Comparator.comparing(ErrorMetrics::segment))
        .forEach(row -> out.printf("  PU_DO %-9s n=%d  RMSE %.4f%n", row.segment(), row.n(), row.rmse()));
    out.printf("  worst 5 pickup zones by RMSE (zones with >= %d trips):%n", MIN_TRIPS_FOR_WORST_ZONES);
    report.stream()
        .filter(row -> row.is(ReportDimension.PICKUP_ZONE))
        .filter(row -> row.n() >= MIN_TRIPS_FOR_WORST_ZONES)
        .sorted(Comparator.comparingDouble(ErrorMetrics::rmse).reversed())
        .limit(5)
        .forEach(row -> out.printf("    %-40s n=%-6d RMSE %.4f  bias %+.4f%n", row.segment(), row.n(), row.rmse(),
            row.bias()));
  }

  static void synth(PrintWriter out, SyntheticMonth.Result r) {
    out.printf("wrote synthetic %s %s: %d trips resampled from %s (%d trips)%n", r.source().taxiType(),
        r.file().substring(r.file().lastIndexOf('/') + 1), r.rows(), r.source().path(), r.sourceRows());
    out.printf("  file            %s (%.1f MiB)%n", r.file(), r.sizeBytes() / (1024.0 * 1024.0));
    out.printf("  manifest        %s%n", r.manifest());
    out.flush();
  }

  private static void counts(PrintWriter out, String label, DropCounts c) {
    StringBuilder dropped = new StringBuilder();
    for (DropReason reason : DropReason.values()) {
      long n = c.dropped().get(reason);
      if (n > 0) {
        dropped.append(dropped.length() == 0 ? "" : ", ").append(reason.id()).append(' ').append(n);
      }
    }
    out.printf("  %-15s read %d, kept %d, dropped %d%s%n", label, c.read(), c.kept(), c.droppedTotal(),
        dropped.length() == 0 ? "" : " (" + dropped + ")");
  }

  private static void metric(PrintWriter out, String label, ModelCard card, MetricKey key) {
    card.metric(key).ifPresent(m ->
        out.printf("  %-15s n=%d  RMSE %.4f  MAE %.4f  R2 %.4f%n", label, m.n(), m.rmse(), m.mae(), m.r2()));
  }
}
