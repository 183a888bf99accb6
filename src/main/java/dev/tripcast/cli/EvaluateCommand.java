package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.EvaluateJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelEvaluationTable;
import dev.tripcast.model.ModelEvaluationTable.Cell;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast evaluate}: the evaluation matrix of the feature sets (nothing saved to the registry). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "For each training month M, fits the course model (without and with the unseen-pair back-off)"
        + " and the extended model on M, evaluates them on M+1..M+horizon (months without a file are skipped),"
        + " prints the RMSE matrix and replaces M's rows of the model_evaluation Delta table.",
    footer = {"", "Example: tripcast evaluate --taxi green --train 2021-01,2021-02,2022-01,2023-01 --config conf/local.conf"})
final class EvaluateCommand extends JobCommand<EvaluateJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--train", required = true, paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "Training months, one model set each: 2021-01, 2021-01,2022-01 or 2021-01..2021-03.")
  Months train;

  @Option(names = "--horizon", defaultValue = "3", paramLabel = "N",
      description = "Evaluate on the N months after each training month (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Override
  String plan() {
    return "evaluate course, course_backoff and extended " + taxi.taxi.id() + " models trained on each of "
        + train.months() + " on the " + horizon + " months after it";
  }

  @Override
  EvaluateJob.Result run(RunContext context) {
    if (horizon <= 0) {
      throw new InvalidArgumentException("--horizon", String.valueOf(horizon), "a number of months > 0");
    }
    return EvaluateJob.run(context, new EvaluateJob.Request(taxi.taxi, train.months(), horizon));
  }

  @Override
  ExitCode print(PrintWriter out, EvaluateJob.Result result) {
    out.printf("evaluation matrix (RMSE minutes: overall / seen PU_DO / unseen PU_DO; n = trips evaluated)%n");
    out.printf("  %-7s %-7s %-3s %-24s %-24s %-24s %s%n", "train", "eval", "+m", "course", "course_backoff",
        "extended", "n, unseen share, extended regParam");
    Map<String, Map<String, Map<String, Cell>>> byPair = new TreeMap<>();
    for (Cell c : result.cells()) {
      byPair.computeIfAbsent(c.trainMonth() + " " + c.evalMonth(), k -> new TreeMap<>())
          .computeIfAbsent(c.model(), k -> new TreeMap<>()).put(c.segment(), c);
    }
    byPair.forEach((pair, models) -> {
      Cell any = models.get("course").get(ModelEvaluationTable.OVERALL);
      Cell unseen = models.get("course").get(ModelEvaluationTable.UNSEEN);
      out.printf("  %-7s %-7s +%-2d %-24s %-24s %-24s n=%d, %.1f%%, %s%n", any.trainMonth(), any.evalMonth(),
          any.monthsAhead(), triple(models.get("course")), triple(models.get("course_backoff")),
          triple(models.get("extended")), any.metrics().n(),
          unseen == null ? 0.0 : 100.0 * unseen.metrics().n() / any.metrics().n(),
          models.get("extended").get(ModelEvaluationTable.OVERALL).regParam());
    });
    result.skipped().forEach((month, why) -> out.printf("  skipped %s: %s%n", month, why));
    out.printf("  Delta table     model_evaluation v%d  %s%n", result.commit().version(), result.commit().path());
    out.flush();
    return ExitCode.OK;
  }

  private static String triple(Map<String, Cell> segments) {
    return String.format("%.4f / %s / %s", segments.get(ModelEvaluationTable.OVERALL).metrics().rmse(),
        rmse(segments.get(ModelEvaluationTable.SEEN)), rmse(segments.get(ModelEvaluationTable.UNSEEN)));
  }

  private static String rmse(Cell c) {
    return c == null ? "-" : String.format("%.2f", c.metrics().rmse());
  }
}
