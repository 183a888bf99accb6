package dev.tripcast.tables;

import dev.tripcast.errors.InvalidInputException;

/**
 * A Delta table is on S3 but only Delta's single-driver log store is configured for its scheme; exit 2.
 */
public final class SingleDriverLogStoreException extends InvalidInputException {
  private final String tablePath;
  private final String logStoreKey;

  public SingleDriverLogStoreException(String tablePath, String logStoreKey) {
    super(String.format(
        "Delta table %s is on S3 but %s is not set: Delta's default S3 log store is safe for one writing driver only"
            + " (set it to io.delta.storage.S3DynamoDBLogStore, see docs/s3.md, or set"
            + " tripcast.s3.single-driver-log-store = warn if one driver at a time writes these tables)",
        tablePath, logStoreKey), null);
    this.tablePath = tablePath;
    this.logStoreKey = logStoreKey;
  }

  /** The table's location. */
  public String tablePath() {
    return tablePath;
  }

  /** The Spark key that selects the scheme's log store. */
  public String logStoreKey() {
    return logStoreKey;
  }
}
