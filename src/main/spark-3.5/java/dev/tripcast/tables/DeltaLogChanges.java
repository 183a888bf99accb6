package dev.tripcast.tables;

import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * A Delta log's commits from a version on, for the Delta 3.3 / Spark 3.5 line
 * ({@code getChanges(version, failOnDataLoss)}). The Spark 4.1 line (Delta 4.2, which also takes the
 * catalog table) has its own copy in src/main/spark-4.1/; the pom's profile picks the folder.
 */
final class DeltaLogChanges {
  private DeltaLogChanges() {}

  /**
   * Each commit from {@code version} on (inclusive) as (version as a {@code Long}, its actions), in
   * version order; none if the log has no such version. Reads only the log's JSON files.
   */
  static Iterator<? extends Tuple2<Object, ? extends Seq<Action>>> since(DeltaLog log, long version) {
    return log.getChanges(version, false);
  }
}
