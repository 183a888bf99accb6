package dev.tripcast.jobs;

import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;

/**
 * The parsed read-only commands whose plan class differs between Spark lines ({@link ReadOnlySql}
 * holds the others): on Spark 3.5 {@code SHOW NAMESPACES} parses to {@code ShowNamespaces} and
 * {@code SHOW TABLE EXTENDED} to {@code ShowTableExtended}. The Spark 4.1 line has its own copy in
 * src/main/spark-4.1/; the pom's profile picks the folder.
 */
final class LineReadingCommands {
  static final Set<Class<? extends LogicalPlan>> PARSED = Set.of(ShowNamespaces.class, ShowTableExtended.class);

  private LineReadingCommands() {}
}
