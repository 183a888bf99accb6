package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.Undeclared;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.ModelResolver;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a range of months one after the other with {@link ScoreJob}, in one Spark session and
 * with one model version: {@code champion} or {@code latest} is resolved once at the start, so a model trained
 * while the backfill runs does not change the version mid-way.
 *
 * <p>Each month is a complete {@link ScoreJob} run: its three Delta tables get that month
 * replaced ({@code replaceWhere}), so re-running a backfill, whole or in part, leaves one copy
 * of every month. The backfill stops at the first month that fails; the months before it stay
 * committed. Run it with {@code tripcast backfill}.
 */
public final class BackfillJob {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);

  private BackfillJob() {}

  /**
   * @param taxiType layout of the months
   * @param months the months to score, in order (at least one)
   * @param model the model to score with, resolved once for all months
   * @param monitor whether to monitor each month after scoring it ({@link ScoreAndMonitor#monitorIfAsked})
   */
  public record Request(TaxiType taxiType, List<YearMonth> months, ModelRef model, boolean monitor) {
    public Request {
      months = List.copyOf(months);
      if (months.isEmpty()) {
        throw new IllegalArgumentException("a backfill needs at least one month");
      }
    }
  }

  /**
   * @param modelVersion the version that scored every month
   * @param months one {@link ScoreJob.Result} per month, in order
   * @param notices lines for the user about the model's resolution (e.g. a first champion promoted)
   */
  public record Result(String modelVersion, List<ScoreJob.Result> months, List<String> notices) {}

  /**
   * Runs the backfill.
   *
   * @param onMonthScored called after each month is committed (and monitored, if asked), with the
   *     backfill's progress (e.g.
   *     to print the month's summary and "month 2 of 5, 1m 22s elapsed, about 2m 03s left")
   * @throws dev.tripcast.errors.ModelNotFoundException if the model version does not exist (no month is scored)
   * @throws dev.tripcast.errors.TripcastException if a month fails: its exit code is that
   *     month's, and the message names the failed month, the months done and those not started
   */
  public static Result run(RunContext context, Request request,
      BiConsumer<ScoreAndMonitor.Result, Progress> onMonthScored) {
    Settings settings = context.settings();
    ModelResolver.Loaded loaded = context.models().load(request.model());
    ModelRegistry.SavedModel model = loaded.model();
    LOG.info("backfill {} {} with model {} {}", request.taxiType(), request.months(), settings.model().name(), model.version());
    List<ScoreJob.Result> done = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    List<YearMonth> months = request.months();
    long started = System.nanoTime();
    for (int i = 0; i < months.size(); i++) {
      ScoreJob.Result result;
      try {
        YearMonth month = months.get(i);
        result = Undeclared.spark(() -> ScoreJob.run(context, model, request.taxiType(), month));
      } catch (RuntimeException | SparkException | AnalysisException e) { // any failure of the month stops the backfill
        throw new BackfillStoppedException(request.taxiType().id(), months.get(i), months.subList(0, i),
            months.subList(i + 1, months.size()), e);
      }
      done.add(result);
      if (i == 0) {
        notices.addAll(context.models().recordUse(loaded, context.run().id()));
      }
      onMonthScored.accept(ScoreAndMonitor.monitorIfAsked(context, result, request.taxiType(), months.get(i),
          request.monitor()), new Progress(i + 1, months.size(), Duration.ofNanos(System.nanoTime() - started)));
    }
    return new Result(model.version(), List.copyOf(done), List.copyOf(notices));
  }
}
