package dev.tripcast.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistory;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.ExplainCommand;

/**
 * The statements {@code tripcast sql} runs: those that only read. A statement is accepted if it is
 * <ul>
 *   <li>a query ({@code SELECT}, {@code WITH ... SELECT}, {@code VALUES}, {@code TABLE t},
 *       {@code FROM t SELECT ...}, set operations), including time travel
 *       ({@code VERSION AS OF}) and {@code table_changes};
 *   <li>a command that only reads: {@code DESCRIBE} (a table, column, function, namespace; Delta's
 *       {@code DESCRIBE HISTORY} and {@code DESCRIBE DETAIL}) or {@code SHOW} (tables, views,
 *       columns, partitions, functions, namespaces, {@code TBLPROPERTIES}, {@code CREATE TABLE});
 *   <li>{@code EXPLAIN} of an accepted statement (EXPLAIN never runs its statement).
 * </ul>
 * Everything else is refused: statements that write a table or a directory ({@code INSERT},
 * {@code DELETE}, {@code UPDATE}, {@code MERGE}, {@code TRUNCATE}, Delta's {@code OPTIMIZE},
 * {@code VACUUM}, {@code RESTORE}, {@code CLONE}, {@code CONVERT}, {@code REORG}, {@code GENERATE}),
 * DDL ({@code CREATE}, {@code DROP}, {@code ALTER}, {@code REPAIR}, {@code LOAD DATA}) and
 * statements that change the session ({@code SET}, {@code RESET}, {@code USE}, {@code CACHE},
 * {@code ADD JAR}, temporary views).
 *
 * <p>Two checks, both before anything runs: Spark's parser ({@link #refusedOnParse}: a query's
 * parsed plan holds no command and no {@code INSERT}), then the analyzer, on the statements the
 * first check accepted as queries ({@link #refusedOnAnalysis}: their analyzed plan holds no
 * command, which is how Spark runs every write, including the statements Delta's parser adds).
 */
final class ReadOnlySql {
  /** The parsed commands that only read (with the Spark line's own, {@link LineReadingCommands}). */
  private static final Set<Class<? extends LogicalPlan>> READING_COMMANDS = Stream.concat(Stream.of(
      DescribeRelation.class, DescribeColumn.class, DescribeFunction.class, DescribeNamespace.class,
      DescribeDeltaHistory.class, DescribeDeltaDetailCommand.class, ShowTables.class, ShowViews.class,
      ShowColumns.class, ShowPartitions.class, ShowFunctions.class, ShowTableProperties.class,
      ShowCreateTable.class), LineReadingCommands.PARSED.stream()).collect(Collectors.toUnmodifiableSet());

  private ReadOnlySql() {}

  /**
   * Parses every statement and refuses the first that is not read-only. Reads no table.
   *
   * @return the parsed statements, in order
   * @throws RefusedStatementException naming the first statement that does not parse or is not read-only
   */
  static List<LogicalPlan> parse(SparkSession spark, List<String> statements) {
    List<LogicalPlan> plans = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      LogicalPlan plan;
      try {
        plan = spark.sessionState().sqlParser().parsePlan(statements.get(i));
      } catch (ParseException e) {
        throw RefusedStatementException.unparsable(i + 1, statements.size(), statements.get(i), e);
      }
      if (refusedOnParse(plan)) {
        throw RefusedStatementException.notReadOnly(i + 1, statements.size(), statements.get(i));
      }
      plans.add(plan);
    }
    return plans;
  }

  /**
   * Analyzes each parsed query (the views it names must be registered) and refuses the first whose
   * analyzed plan holds a command. Runs nothing. The commands that only read and EXPLAIN were
   * accepted by class on parsing: their analyzed plans are commands.
   *
   * @param plans what {@link #parse} returned for {@code statements}
   * @throws RefusedStatementException naming the first statement refused
   * @throws org.apache.spark.sql.AnalysisException (unchecked) if a statement names an unknown table or column
   */
  static void analyze(SparkSession spark, List<String> statements, List<LogicalPlan> plans) {
    for (int i = 0; i < plans.size(); i++) {
      LogicalPlan plan = plans.get(i);
      if (!READING_COMMANDS.contains(plan.getClass()) && isQuery(plan) && refusedOnAnalysis(spark, plan)) {
        throw RefusedStatementException.notReadOnly(i + 1, statements.size(), statements.get(i));
      }
    }
  }

  /** Whether a parsed statement is neither a query, nor a command that only reads, nor EXPLAIN of either. */
  static boolean refusedOnParse(LogicalPlan plan) {
    if (READING_COMMANDS.contains(plan.getClass())) {
      return false;
    }
    if (plan instanceof ExplainCommand explain) {
      return refusedOnParse(explain.logicalPlan());
    }
    return !isQuery(plan);
  }

  private static boolean refusedOnAnalysis(SparkSession spark, LogicalPlan parsed) {
    LogicalPlan analyzed = spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed();
    return !isQuery(analyzed);
  }

  /** A plan with no command, no INSERT and no INSERT OVERWRITE DIRECTORY in it, its CTEs included. */
  private static boolean isQuery(LogicalPlan plan) {
    if (plan instanceof Command || plan instanceof ParsedStatement || plan instanceof InsertIntoDir) {
      return false;
    }
    scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      if (!isQuery(children.next())) {
        return false;
      }
    }
    scala.collection.Iterator<QueryPlan<?>> inner = plan.innerChildren().iterator();
    while (inner.hasNext()) {
      if (inner.next() instanceof LogicalPlan p && !isQuery(p)) {
        return false;
      }
    }
    return true;
  }
}
