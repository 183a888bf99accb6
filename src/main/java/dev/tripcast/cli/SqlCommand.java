package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.SqlJob;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tripcast sql "<query>"}: read-only Spark SQL over tripcast's tables, each a view named as
 * the table; any statement that writes or changes the session is refused before one runs
 * ({@link SqlJob}).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Runs Spark SQL over the Delta tables tripcast owns (scored_trips, error_report, data_quality,"
        + " model_registry, runs), each registered as a view under its name (and, with tripcast.catalog.database"
        + " set, as DATABASE.TABLE in the session catalog), and prints the result. Reads only:"
        + " a script with a statement other than a query, DESCRIBE, SHOW or EXPLAIN runs nothing and exits 2.",
    footer = {"", "Example: tripcast sql \"SELECT job, status, started_at FROM runs ORDER BY started_at DESC\""
        + " --config conf/local.conf"})
final class SqlCommand extends JobCommand<SqlJob.Results> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "One or more statements, each ending with ';' at a line end.")
  String query;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100",
      description = "Most rows printed per statement (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  void validate() {
    if (maxRows < 1) {
      throw new InvalidArgumentException("--max-rows", String.valueOf(maxRows), "a number of rows >= 1");
    }
  }

  @Override
  boolean recorded() {
    return false; // a read-only query tool: it leaves the runs table alone
  }

  @Override
  String plan() {
    return "run SQL over tripcast's tables";
  }

  @Override
  SqlJob.Results run(RunContext context) {
    return SqlJob.run(context, query, maxRows);
  }

  @Override
  ExitCode print(PrintWriter out, SqlJob.Results r) {
    out.println("views: " + String.join(", ", r.views()));
    if (!r.catalogTables().isEmpty()) {
      out.println("catalog: " + String.join(", ", r.catalogTables()));
    }
    for (SqlJob.Result result : r.results()) {
      printTable(out, result.columns(), result.rows());
      out.printf("(%d row%s%s)%n", result.rows().size(), result.rows().size() == 1 ? "" : "s",
          result.truncated() ? ", more not shown: raise --max-rows" : "");
    }
    return ExitCode.OK;
  }

  /** A plain text table: header, rule, one line per row; columns padded to their widest value. */
  private static void printTable(PrintWriter out, List<String> columns, List<List<String>> rows) {
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      header.append(i == 0 ? "" : " | ").append(pad(columns.get(i), width[i]));
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(header.toString().stripTrailing());
    out.println(rule);
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        line.append(i == 0 ? "" : " | ").append(pad(row.get(i), width[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
