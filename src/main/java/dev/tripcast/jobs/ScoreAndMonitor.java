package dev.tripcast.jobs;

import dev.tripcast.ingest.TaxiType;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Scoring a month, then monitoring it, as {@code score}, {@code backfill} and {@code nightly}
 * do: {@link ScoreJob} and, when asked and {@code tripcast.monitoring.after-score} is true,
 * {@link MonitorJob#runIfProfiled} on the month just scored (a model trained before monitoring
 * existed leaves the month unmonitored, with a log line, rather than failing a scored month).
 */
public final class ScoreAndMonitor {
  private ScoreAndMonitor() {}

  /**
   * What the step produced.
   *
   * @param score the scored month
   * @param monitor its monitoring, if run and the model has a reference profile
   */
  public record Result(ScoreJob.Result score, Optional<MonitorJob.Result> monitor) {}

  /**
   * Scores the month, then monitors it if {@code monitor} and the settings ask for it.
   *
   * @throws dev.tripcast.errors.TripcastException as {@link ScoreJob#run(RunContext, ScoreJob.Request)}
   *     and {@link MonitorJob#runIfProfiled}
   */
  public static Result run(RunContext context, ScoreJob.Request request, boolean monitor) {
    ScoreJob.Result scored = ScoreJob.run(context, request);
    return monitorIfAsked(context, scored, request.taxiType(), request.month(), monitor);
  }

  /**
   * Monitors a month just scored, if {@code monitor} and {@code tripcast.monitoring.after-score}
   * are both true.
   */
  public static Result monitorIfAsked(RunContext context, ScoreJob.Result scored, TaxiType taxiType, YearMonth month,
      boolean monitor) {
    boolean monitored = context.settings().monitoring().afterScore() && monitor;
    return new Result(scored, monitored
        ? MonitorJob.runIfProfiled(context, new MonitorJob.Request(taxiType, month))
        : Optional.empty());
  }
}
