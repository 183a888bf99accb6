package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night of production for one month, composed of the other jobs and branching on their typed
 * results. Each step runs in the night's session and warehouse with its own run identity, and is
 * recorded as its own row of {@code runs} ({@link RecordedRun}), as if its command had been run:
 *
 * <pre>
 * score --no-monitor ─▶ monitor ─┬─ (a RETRAIN rule fired, or --retrain always) ─▶ retrain ─┬─ promoted ─▶ score --no-monitor ─▶ monitor ─┐
 *                                │                                                         └─ kept ───────────────────────────────────────┤
 *                                └─ (nothing asks) ───────────────────────────────────────────────────────────────────────────────────────────┴─▶ report
 * </pre>
 *
 * <p>Before its first step the night delivers the alerts still pending in {@code alerts}
 * ({@link AlertsJob}), within the webhook's retry budget. After the report, when maintenance is due
 * ({@link MaintainJob#due}: {@code tripcast.maintenance.every} since the last succeeded
 * {@code maintain} run), the night runs {@code maintain} as its last step, recorded as its own run;
 * whatever its outcome, the night's exit code stays that of its monitoring and report (a failed
 * maintenance shows in its output and its {@code runs} row, and is tried again the next night). The month is rescored only if the champion does not serve it yet ({@link NightlyState}). A
 * step whose exit code is not one of its expected outcomes (score 0; monitor 0, 7, 8; retrain
 * 0, 6; report 0, 4) stops the night with that code. Re-running a night changes nothing: score
 * and monitor replace the month with the same rows, retrain repeats its earlier decision (same
 * fingerprint), and the month is not rescored when the champion serves it.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  private static final Set<Integer> SCORED = Set.of(ExitCode.OK.code());
  private static final Set<Integer> MONITOR_VERDICTS = Set.of(ExitCode.OK.code(), ExitCode.DATA_DRIFT.code(),
      ExitCode.PERFORMANCE_BREACHED.code());
  private static final Set<Integer> RETRAIN_OUTCOMES = Set.of(ExitCode.OK.code(), ExitCode.CHAMPION_KEPT.code());
  private static final Set<Integer> REPORT_OUTCOMES = Set.of(ExitCode.OK.code(), ExitCode.THRESHOLD_BREACHED.code());

  private NightlyJob() {}

  /** When the night retrains. */
  public enum Retrain {
    /** When a fired check has action RETRAIN. */
    IF_ASKED,
    /** Every night (a scheduled retrain). */
    ALWAYS,
    /** Never. */
    NEVER
  }

  /**
   * @param taxiType layout of the month
   * @param month the month of the night: scored, monitored, and the evaluation month of a retrain
   * @param retrain when to retrain
   * @param html the report step's HTML file, or null
   * @param maxRmse the report step's RMSE limit, minutes, or null
   * @param commonArgs arguments every step's recorded command line ends with (e.g. {@code --config FILE})
   */
  public record Request(TaxiType taxiType, YearMonth month, Retrain retrain, String html, Double maxRmse,
      List<String> commonArgs) {
    public Request {
      commonArgs = List.copyOf(commonArgs);
    }
  }

  /** One step: the job it ran and its exit code. */
  public record Step(String name, int exitCode) {}

  /**
   * @param steps the steps run, in order
   * @param verdict the night's exit code: the last monitoring's, else the report's
   * @param before the state after the first monitoring
   * @param after the state at the end
   */
  public record Night(List<Step> steps, ExitCode verdict, NightlyState before, NightlyState after) {}

  /**
   * How one kind of step shows, as its own command shows it.
   *
   * @param <R> the step's result
   */
  public interface StepView<R> {
    /**
     * Prints the step's summary.
     *
     * @return the step's exit code
     * @throws dev.tripcast.errors.TripcastException if the command judges the result a failure
     *     (report above its RMSE limit)
     */
    ExitCode print(R result);

    /** What the step's {@code runs} row records of its result. */
    RunLog.Details details(R result);

    /** The view that prints with {@code print} and records {@code details}. */
    static <R> StepView<R> of(Function<R, ExitCode> print, Function<R, RunLog.Details> details) {
      return new StepView<>() {
        @Override
        public ExitCode print(R result) {
          return print.apply(result);
        }

        @Override
        public RunLog.Details details(R result) {
          return details.apply(result);
        }
      };
    }
  }

  /**
   * What the night prints: step headers and lines on {@code out}, each step's summary through its
   * view, and a failed step's error through {@code failed} (which returns its exit code); its
   * {@code runs} row records the failure as {@code errorLine} gives it.
   */
  public record Views(PrintWriter out, StepView<ScoreAndMonitor.Result> score, StepView<MonitorJob.Result> monitor,
      StepView<RetrainJob.Result> retrain, StepView<ReportJob.Reported> report, StepView<MaintainJob.Result> maintain,
      ToIntFunction<Exception> failed,
      Function<Exception, String> errorLine) {}

  /**
   * Runs the night.
   *
   * @throws dev.tripcast.errors.TripcastException with a step's exit code if that step failed
   *     ({@link NightlyStoppedException}); the step's own error was shown through {@link Views#failed}
   */
  public static Night run(RunContext context, Request request, Views views) {
    AlertsJob.deliverPending(context).filter(p -> !p.attempted().isEmpty()).ifPresent(p -> views.out().printf(
        "nightly: %d pending alerts attempted, %d still pending%n", p.attempted().size(), p.pending()));
    Steps steps = new Steps(context, request, views);
    ScoreJob.Request score = new ScoreJob.Request(request.taxiType(), request.month(), ModelRef.champion());
    MonitorJob.Request monitor = new MonitorJob.Request(request.taxiType(), request.month());
    steps.scoreAndMonitor(score, monitor);
    NightlyState before = NightlyState.of(steps.monitored, context.aliases());
    views.out().printf("nightly: %s%n", before.describe());
    boolean retrainNow = request.retrain() == Retrain.ALWAYS
        || request.retrain() == Retrain.IF_ASKED && !before.retrainAskedBy().isEmpty();
    NightlyState after = before;
    if (retrainNow) {
      RetrainJob.Request retrain = new RetrainJob.Request(request.taxiType(), request.month(), List.of());
      int retrained = steps.run("retrain", RETRAIN_OUTCOMES, retrain.key(), List.of(),
          c -> RetrainJob.run(c, retrain), views.retrain());
      if (retrained == ExitCode.OK.code()) {
        after = before.withChampionOf(context.aliases());
        if (after.servedByOldChampion()) {
          steps.scoreAndMonitor(score, monitor);
          after = NightlyState.of(steps.monitored, context.aliases());
        }
      }
    }
    List<String> reportArgs = new ArrayList<>();
    if (request.html() != null) {
      reportArgs.addAll(List.of("--html", request.html()));
    }
    if (request.maxRmse() != null) {
      reportArgs.addAll(List.of("--max-rmse", String.valueOf(request.maxRmse())));
    }
    ReportJob.Request report = ReportJob.Request.ofMonth(request.taxiType(), request.month(), request.html(),
        request.maxRmse());
    int reported = steps.run("report", REPORT_OUTCOMES, report.key(), reportArgs, c -> ReportJob.run(c, report),
        views.report());
    if (MaintainJob.due(context, java.time.Instant.now())) {
      steps.maintain();
    }
    return new Night(List.copyOf(steps.done), ExitCode.ofCode(steps.verdict != 0 ? steps.verdict : reported),
        before, after);
  }

  /** The steps of one night: runs each as its own recorded run, prints it, and stops the night on a failure. */
  private static final class Steps {
    private final RunContext night;
    private final Request request;
    private final Views views;
    private final List<Step> done = new ArrayList<>();
    private MonitorJob.Result monitored;
    private int verdict;

    Steps(RunContext night, Request request, Views views) {
      this.night = night;
      this.request = request;
      this.views = views;
    }

    /** score --no-monitor, then monitor: the monitoring's result and exit code become the night's. */
    void scoreAndMonitor(ScoreJob.Request score, MonitorJob.Request monitor) {
      run("score", SCORED, score.key(), List.of("--no-monitor"), c -> ScoreAndMonitor.run(c, score, false),
          views.score());
      verdict = run("monitor", MONITOR_VERDICTS, monitor.key(), List.of(), c -> {
        monitored = MonitorJob.run(c, monitor);
        return monitored;
      }, views.monitor());
    }

    /**
     * Runs {@code tripcast maintain}, recorded as its own run; its exit code, whatever it is, does
     * not stop the night nor change its verdict.
     */
    void maintain() {
      List<String> full = new ArrayList<>(List.of(MaintainJob.JOB));
      full.addAll(request.commonArgs());
      PrintWriter out = views.out();
      out.printf("%n── nightly step %d: tripcast %s (due: tripcast.maintenance.every)%n", done.size() + 1, MaintainJob.JOB);
      out.flush();
      RunContext step = night.forRun(RunInfo.start(MaintainJob.JOB));
      int code = RecordedRun.runStep(step, "maintain every tripcast table", full, note -> out.println("note: " + note),
          views.errorLine(), views.failed(), c -> {
            MaintainJob.Result result = MaintainJob.run(c);
            return new RecordedRun.Outcome<>(result, views.maintain().print(result), views.maintain().details(result));
          });
      done.add(new Step(MaintainJob.JOB, code));
      out.printf("── %s exited %d%s%n", MaintainJob.JOB, code, code == 0 ? "" : " (the night's exit code is not changed)");
      out.flush();
    }

    /**
     * Runs {@code name} as {@code tripcast NAME --taxi T --month M ARGS}, recorded as its own run.
     *
     * @return its exit code, one of {@code accepted}
     * @throws dev.tripcast.errors.TripcastException with the step's exit code if it is not accepted
     */
    <R> int run(String name, Set<Integer> accepted, String key, List<String> args, Function<RunContext, R> job,
        StepView<R> view) {
      List<String> line = new ArrayList<>(List.of(name, "--taxi", request.taxiType().id(), "--month",
          request.month().toString()));
      line.addAll(args);
      List<String> full = new ArrayList<>(line);
      full.addAll(request.commonArgs());
      PrintWriter out = views.out();
      out.printf("%n── nightly step %d: tripcast %s%n", done.size() + 1, String.join(" ", line));
      out.flush();
      RunContext step = night.forRun(RunInfo.start(name));
      LOG.info("run {} starting (step {} of run {})", step.run().id(), done.size() + 1, night.run().id());
      int code = RecordedRun.runStep(step, key, full, note -> out.println("note: " + note), views.errorLine(),
          views.failed(), c -> {
            R result = job.apply(c);
            ExitCode printed = view.print(result);
            return new RecordedRun.Outcome<>(result, printed, view.details(result));
          });
      done.add(new Step(name, code));
      out.printf("── %s exited %d%n", name, code);
      out.flush();
      if (!accepted.contains(code)) {
        throw new NightlyStoppedException(request.taxiType().id(), request.month(), name, ExitCode.ofCode(code),
            done.subList(0, done.size() - 1).stream().map(Step::name).toList());
      }
      return code;
    }
  }
}
