package dev.tripcast.tables;

/**
 * What to do when a Delta table is on S3 and only Delta's single-driver log store is configured
 * ({@code tripcast.s3.single-driver-log-store}).
 */
public enum LogStorePolicy {
  /** Fail before anything is written (exit code 2). */
  REFUSE,
  /** Log a warning and go on: safe only if one driver at a time writes each table. */
  WARN
}
