package dev.tripcast.jobs;

import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelEvaluationTable;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Runs Spark SQL over the tables tripcast owns: each existing table of the warehouse (local or
 * {@code s3a://}) is registered as a temporary view under its table name ({@code scored_trips},
 * {@code error_report}, {@code data_quality}, {@code model_registry}, {@code runs}), so a query
 * needs no path. {@code delta.`<path>`} table references work too (e.g. for
 * {@code DESCRIBE HISTORY}). With {@code tripcast.catalog.database} set, the tables registered
 * there by earlier runs are read by name too ({@code tripcast.scored_trips}), through the session
 * catalog (its metastore), as any Spark SQL session on it reads them. Reads only: a script holding any statement that is not a query,
 * {@code DESCRIBE}, {@code SHOW} or {@code EXPLAIN} is refused before any of it runs
 * ({@link ReadOnlySql}). Run it with {@code tripcast sql "<query>"}.
 */
public final class SqlJob {
  /** Every table tripcast owns, in the order the data passes through them (shadow scoring last: it is optional). */
  public static final List<Table> TABLES = List.of(ScoredTrips.TABLE, ErrorReport.TABLE, DataQualityTable.TABLE,
      ModelAliases.TABLE, RunLog.TABLE, ModelEvaluationTable.TABLE, ScoredTrips.SHADOW_TABLE,
      dev.tripcast.monitoring.DriftMetricsTable.TABLE, dev.tripcast.monitoring.ChecksTable.TABLE,
      dev.tripcast.monitoring.WindowProfilesTable.TABLE, dev.tripcast.monitoring.AlertsTable.TABLE);

  private SqlJob() {}

  /**
   * One statement's result, rendered.
   *
   * @param statement the statement as run
   * @param columns column names
   * @param rows at most {@code maxRows} rows, each value as Spark's {@code show} renders it
   * @param truncated true if the result had more rows
   */
  public record Result(String statement, List<String> columns, List<List<String>> rows, boolean truncated) {}

  /**
   * Checks that every statement of {@code sql} (separated by {@code ;} at a line end) parses and only
   * reads, registers the views, checks the statements' analyzed plans, then runs each statement.
   *
   * @param maxRows most rows printed per statement, &gt; 0
   * @return the tables registered as views, those found in the catalog database, and one result per statement
   * @throws RefusedStatementException if a statement does not parse or does not only read (nothing ran)
   * @throws org.apache.spark.sql.AnalysisException (unchecked in Spark 3.5) if a statement names an unknown
   *     table or column
   */
  public static Results run(RunContext context, String sql, int maxRows) {
    SparkSession spark = context.spark();
    List<String> statements = statements(sql);
    List<LogicalPlan> plans = ReadOnlySql.parse(spark, statements);
    Warehouse warehouse = context.warehouse();
    List<String> views = new ArrayList<>();
    for (Table table : TABLES) {
      warehouse.readAll(table).ifPresent(rows -> {
        rows.createOrReplaceTempView(table.name());
        views.add(table.name());
      });
    }
    List<String> named = context.settings().catalog().database().map(database -> TABLES.stream()
        .filter(table -> spark.catalog().tableExists(database, table.name()))
        .map(table -> database + "." + table.name()).toList()).orElse(List.of());
    ReadOnlySql.analyze(spark, statements, plans);
    List<Result> results = new ArrayList<>();
    for (String statement : statements) {
      Dataset<Row> df = spark.sql(statement);
      List<Row> rows = df.limit(maxRows + 1).collectAsList();
      List<List<String>> rendered = rows.stream().limit(maxRows)
          .map(r -> { List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
              cells.add(r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i)));
            }
            return cells; })
          .toList();
      results.add(new Result(statement, Arrays.asList(df.columns()), rendered, rows.size() > maxRows));
    }
    return new Results(views, named, results);
  }

  /**
   * @param views the tables registered as views (those that exist)
   * @param catalogTables {@code database.table} of each table in the catalog database
   *     ({@code tripcast.catalog.database}); empty without one
   * @param results one per statement, in order
   */
  public record Results(List<String> views, List<String> catalogTables, List<Result> results) {}

  /** The statements of a script: split at a ';' that ends a line (or the text), blanks dropped. */
  static List<String> statements(String sql) {
    return Arrays.stream(sql.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
