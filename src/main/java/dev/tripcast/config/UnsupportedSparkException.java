package dev.tripcast.config;

import dev.tripcast.errors.InvalidInputException;

/**
 * The Spark running tripcast is not the major.minor version the shaded Delta Lake needs; exit 2.
 */
public final class UnsupportedSparkException extends InvalidInputException {
  private final String running;
  private final String wantedMajorMinor;
  private final String deltaVersion;

  public UnsupportedSparkException(String running, String wantedMajorMinor, String deltaVersion) {
    super(String.format(
        "Spark %s is running, but tripcast needs Spark %s.x (its Delta Lake %s works only with Spark %s):"
            + " submit with a Spark %s spark-submit (SPARK_HOME) or to a Spark %s cluster",
        running, wantedMajorMinor, deltaVersion, wantedMajorMinor, wantedMajorMinor, wantedMajorMinor), null);
    this.running = running;
    this.wantedMajorMinor = wantedMajorMinor;
    this.deltaVersion = deltaVersion;
  }

  /** The running Spark version. */
  public String running() {
    return running;
  }

  /** The major.minor tripcast was built with, e.g. {@code 3.5}. */
  public String wantedMajorMinor() {
    return wantedMajorMinor;
  }

  /** The shaded Delta Lake version. */
  public String deltaVersion() {
    return deltaVersion;
  }
}
