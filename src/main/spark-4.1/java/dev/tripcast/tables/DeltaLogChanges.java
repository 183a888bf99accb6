package dev.tripcast.tables;

import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * A Delta log's commits from a version on, for the Delta 4.2 / Spark 4.1 line
 * ({@code getChanges(version, catalogTable, failOnDataLoss)}; tripcast's tables are paths, so no
 * catalog table). The Spark 3.5 line has its own copy in src/main/spark-3.5/; the pom's profile
 * picks the folder.
 */
final class DeltaLogChanges {
  private DeltaLogChanges() {}

  /**
   * Each commit from {@code version} on (inclusive) as (version as a {@code Long}, its actions), in
   * version order; none if the log has no such version. Reads only the log's JSON files.
   */
  static Iterator<? extends Tuple2<Object, ? extends Seq<Action>>> since(DeltaLog log, long version) {
    return log.getChanges(version, Option.empty(), false);
  }
}
