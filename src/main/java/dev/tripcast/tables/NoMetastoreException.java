package dev.tripcast.tables;

import dev.tripcast.errors.InvalidInputException;

/**
 * {@code tripcast.catalog.database} is set, but the Spark session's catalog keeps no metastore
 * ({@code spark.sql.catalogImplementation} is {@code in-memory}, Spark's default without Hive
 * support): a registration would vanish with the run. Nothing was written; exit 2.
 */
public final class NoMetastoreException extends InvalidInputException {
  /**
   * @param database the configured database
   * @param catalogImplementation the session's {@code spark.sql.catalogImplementation}
   */
  public NoMetastoreException(String database, String catalogImplementation) {
    super("tripcast.catalog.database is '" + database + "' but this Spark session has no metastore"
        + " (spark.sql.catalogImplementation = " + catalogImplementation + "): run with Spark's Hive support"
        + " (spark.sql.catalogImplementation = hive, docs/deploy.md) or leave tripcast.catalog.database empty", null);
  }
}
