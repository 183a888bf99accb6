package dev.tripcast.jobs;

import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablesExtended;
import org.apache.spark.sql.execution.command.ShowNamespacesCommand;

/**
 * The parsed read-only commands whose plan class differs between Spark lines ({@link ReadOnlySql}
 * holds the others): on Spark 4.1 {@code SHOW NAMESPACES} parses to {@code ShowNamespacesCommand}
 * and {@code SHOW TABLE EXTENDED} to {@code ShowTablesExtended}. The Spark 3.5 line has its own
 * copy in src/main/spark-3.5/; the pom's profile picks the folder.
 */
final class LineReadingCommands {
  static final Set<Class<? extends LogicalPlan>> PARSED = Set.of(ShowNamespacesCommand.class, ShowTablesExtended.class);

  private LineReadingCommands() {}
}
