package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.MetricKey;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.monitoring.AlertOutbox;
import dev.tripcast.monitoring.AlertsTable;
import dev.tripcast.monitoring.Checks;
import dev.tripcast.monitoring.ChecksTable;
import dev.tripcast.monitoring.DriftComparison;
import dev.tripcast.monitoring.DriftMetric;
import dev.tripcast.monitoring.DriftMetricsTable;
import dev.tripcast.monitoring.HalfWrittenMonthException;
import dev.tripcast.monitoring.MonitoringParams;
import dev.tripcast.monitoring.NothingScoredException;
import dev.tripcast.monitoring.PerformanceComparison;
import dev.tripcast.monitoring.ProfileColumns;
import dev.tripcast.monitoring.Profiler;
import dev.tripcast.monitoring.ReferenceProfile;
import dev.tripcast.monitoring.WindowProfile;
import dev.tripcast.monitoring.WindowProfilesTable;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors one scored month against the reference profile of the model that scored it, and
 * replaces that (taxi type, month, model version) in {@code drift_metrics}, then evaluates
 * {@code tripcast.monitoring.rules} on the month's rows into {@code checks}:
 *
 * <pre>
 * scored_trips (month) ─ ProfileColumns.fromScoredTrips ─ Profiler.profile (month + days) ─ DriftComparison ─┐
 * model folder ─ reference_profile.json ──────────────────────────────────────────────────────────────────┤
 * window_profiles (the month before, same model version) ─────────────────────────────────────────────────┤─▶ drift_metrics
 * error_report (month, version, overall) + model card's validation RMSE ─ PerformanceComparison ─────────┘
 * </pre>
 *
 * Two Spark jobs read the month's trips (numeric aggregation, category counts); no trip is
 * collected. Re-running a month replaces its rows with identical ones. Run it with
 * {@code tripcast monitor}.
 *
 * <p>With a webhook configured, the run first delivers the alerts still pending in {@code alerts}
 * ({@link AlertOutbox}); after the {@code checks} commit a month on which a rule fired is written to
 * {@code alerts} (once per key: a re-run with the same fired rules adds no row and sends nothing
 * already delivered), then delivered. Both passes share one {@code retry-budget}.
 */
public final class MonitorJob {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorJob.class);

  private MonitorJob() {}

  /**
   * @param taxiType layout of the month
   * @param month a month already scored ({@code tripcast score})
   */
  public record Request(TaxiType taxiType, YearMonth month) {
    /** What the run monitors, one line (its {@code run_key}): "monitor green 2021-03". */
    public String key() {
      return "monitor " + taxiType.id() + " " + month;
    }
  }

  /**
   * @param modelVersion the version that scored the month, whose reference was used
   * @param metrics every row written
   * @param driftMetrics the {@code drift_metrics} commit
   * @param checks every rule's outcome on the month, in rule order
   * @param checksCommit the {@code checks} commit
   * @param alert the month's {@code alerts} row after its delivery pass, if a webhook is configured
   *     and a rule fired
   * @param earlier the delivery pass over the alerts pending before this run, if a webhook is configured
   */
  public record Result(TaxiType taxiType, YearMonth month, String modelVersion, List<DriftMetric> metrics,
      Commit driftMetrics, List<Checks.Outcome> checks, Commit checksCommit, Optional<AlertsTable.Alert> alert,
      Optional<AlertOutbox.Pass> earlier) {
    /** The fired rules. */
    public List<Checks.Outcome> fired() {
      return checks.stream().filter(Checks.Outcome::fired).toList();
    }

    /** Whether a fired rule asks for a retrain. */
    public boolean retrainAsked() {
      return fired().stream().anyMatch(o -> o.rule().action() == dev.tripcast.monitoring.CheckRule.Action.RETRAIN);
    }

    /** The month-level rows against the baseline that drifted. */
    public List<DriftMetric> driftedOnMonth() {
      return metrics.stream().filter(m -> m.granularity().equals(DriftMetric.MONTH)
          && m.comparedTo().equals(DriftMetric.BASELINE) && m.drifted()).toList();
    }
  }

  /**
   * @throws dev.tripcast.errors.InvalidInputException if the month has no scored trips, if its
   *     tables disagree (a score run died between its commits: the message is {@code report}'s
   *     half-written line, with the repair), or the model that scored it has no reference profile
   *     (trained before monitoring existed)
   * @throws dev.tripcast.errors.ModelNotFoundException if that model version is gone from the registry
   */
  public static Result run(RunContext context, Request request) {
    return run(context, request, true).orElseThrow();
  }

  /**
   * {@link #run}, as {@code score} calls it on the month it has just scored: empty, with a log
   * line, when the model that scored it has no reference profile (trained before monitoring
   * existed), instead of failing a month that is scored.
   */
  public static Optional<Result> runIfProfiled(RunContext context, Request request) {
    return run(context, request, false);
  }

  private static Optional<Result> run(RunContext context, Request request, boolean profileRequired) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    long started = System.nanoTime();
    Warehouse warehouse = context.warehouse();
    warehouse.check(WindowProfilesTable.TABLE, DriftMetricsTable.TABLE, ChecksTable.TABLE, AlertsTable.TABLE);
    Optional<AlertOutbox> outbox = AlertsJob.outbox(context);
    // one budget for the run, from when the pending rows are read: the alerts pending from earlier
    // runs, then this month's
    List<AlertsTable.Alert> pending = outbox.map(AlertOutbox::pending).orElse(List.of());
    java.time.Instant deadline = outbox.map(AlertOutbox::deadline).orElse(java.time.Instant.now());
    String passInfo = RunMetadata.json(run.id(), run.job(), null);
    Optional<AlertOutbox.Pass> earlier = outbox.map(o -> o.deliver(pending, deadline, passInfo));
    String taxi = request.taxiType().id();
    Table.Key tripsKey = ScoredTrips.TABLE.key(taxi, request.month());
    Warehouse.Snapshot trips = warehouse.readLatest(tripsKey)
        .orElseThrow(() -> new NothingScoredException(taxi, request.month(), "any", ScoredTrips.TABLE.name()));
    // score replaces the whole month: one version, read from the first row
    List<Row> versions = trips.rows().select(col("model_version")).limit(1).collectAsList();
    if (versions.isEmpty()) {
      throw new NothingScoredException(taxi, request.month(), "any", ScoredTrips.TABLE.name());
    }
    String version = versions.get(0).getString(0);
    if (profileRequired) { // run alone, not inside the score that has just written the month whole
      ScoredMonth.halfWritten(warehouse, request.taxiType(), request.month()).ifPresent(line -> {
        throw new HalfWrittenMonthException(line);
      });
    }
    ModelRegistry.SavedCard model = context.registry().card(version);
    if (!profileRequired && !ReferenceProfile.exists(model.path(), spark.sparkContext().hadoopConfiguration())) {
      LOG.warn("{} {} not monitored: model {} has no {} (trained before monitoring existed)", taxi, request.month(),
          version, ReferenceProfile.FILE);
      return Optional.empty();
    }
    ReferenceProfile reference = ReferenceProfile.load(model.path(), spark.sparkContext().hadoopConfiguration());
    MonitoringParams configured = settings.monitoring();
    int sketch = reference.reference().numeric().values().stream().mapToInt(n -> n.quantiles().length).max().orElse(0);
    // the reference's sketch size, whatever the configuration says now
    MonitoringParams params = sketch == 0 ? configured : configured.withQuantiles(sketch);
    LOG.info("monitoring {} {} (model {}) against its reference of {} trips", taxi, request.month(), version,
        reference.reference().rows());

    List<WindowProfile> windows = Profiler.profile(ProfileColumns.fromScoredTrips(trips.rows()), reference.binning(),
        reference.fineEdges(), params, request.month().toString(), true);
    List<DriftMetric> metrics = new ArrayList<>(DriftComparison.compare(reference, windows, params.thresholds()));
    WindowProfile monthProfile = windows.get(0);
    WindowProfilesTable.read(warehouse, taxi, request.month().minusMonths(1), version).ifPresent(previous ->
        metrics.addAll(DriftComparison.comparePreviousMonth(previous, monthProfile, params.thresholds())));
    // A month cannot judge the model it validated (retrain validates a challenger on the month it
    // promotes it on): there the performance rules have no data.
    boolean validationMonth = model.card().validMonths().contains(request.month().toString());
    warehouse.readLatest(ErrorReport.TABLE.key(taxi, request.month(), version)).filter(report -> !validationMonth)
        .ifPresent(report ->
        report.rows().where(col("dimension").equalTo(ReportDimension.OVERALL.id())).collectAsList().stream()
            .map(ErrorMetrics::fromRow).findFirst().ifPresent(overall -> model.card().metric(MetricKey.VALID)
                .ifPresent(valid -> metrics.addAll(PerformanceComparison.compare(overall, valid, params.thresholds())))));
    String commitInfo = RunMetadata.json(run.id(), run.job(), version);
    warehouse.prepare(AlertsTable.TABLE); // empty without a webhook, so that `tripcast sql` can query it
    warehouse.replace(WindowProfilesTable.TABLE.key(taxi, request.month(), version),
        WindowProfilesTable.rows(spark, taxi, request.month().toString(), version, monthProfile), commitInfo);
    Commit commit = warehouse.replace(DriftMetricsTable.TABLE.key(taxi, request.month(), version),
        DriftMetricsTable.rows(spark, taxi, request.month().toString(), version, metrics), commitInfo);
    List<Checks.Outcome> outcomes = Checks.evaluate(configured.rules(), metrics);
    Commit checks = warehouse.replace(ChecksTable.TABLE.key(taxi, request.month(), version),
        ChecksTable.rows(spark, taxi, request.month().toString(), version, run.id(),
            java.sql.Timestamp.from(run.startedAt()), outcomes), commitInfo);
    Optional<AlertsTable.Alert> alert = outbox.filter(o -> outcomes.stream().anyMatch(Checks.Outcome::fired))
        .map(o -> deliver(o, o.record(taxi, request.month().toString(), version, outcomes, run.id(),
            java.sql.Timestamp.from(run.startedAt()), commitInfo), deadline, commitInfo));
    alert.filter(a -> a.deliveredAt() == null).ifPresent(a -> LOG.warn("alert for {} {} not delivered ({}): {}",
        taxi, request.month(), a.status(), a.lastError()));
    // make bench reads this line: the drift pass's own wall time inside score
    LOG.info("monitored {} {} (model {}) in {} s", taxi, request.month(), version,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    return Optional.of(new Result(request.taxiType(), request.month(), version, metrics, commit, outcomes, checks,
        alert, earlier));
  }

  /**
   * The month's alert after its delivery, or as recorded if it is no longer pending (a re-run). The
   * alerts pending before this run had their pass already; those still pending wait for the next run.
   */
  private static AlertsTable.Alert deliver(AlertOutbox outbox, AlertsTable.Alert recorded, java.time.Instant deadline,
      String commitInfo) {
    if (!recorded.status().equals(AlertsTable.PENDING)) {
      return recorded;
    }
    return outbox.deliver(List.of(recorded), deadline, commitInfo).of(recorded.key()).orElse(recorded);
  }
}
