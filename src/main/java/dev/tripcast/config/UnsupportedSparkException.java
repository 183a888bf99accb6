package dev.tripcast.config;

import dev.tripcast.errors.InvalidInputException;
import java.util.Optional;

/**
 * The Spark running tripcast is not the major.minor version the shaded Delta Lake needs; exit 2.
 */
public final class UnsupportedSparkException extends InvalidInputException {
  private final String running;
  private final String wantedMajorMinor;
  private final String deltaVersion;

  /**
   * @param running the running Spark's version, e.g. "4.1.1"
   * @param wantedMajorMinor the line this jar was built for, e.g. "3.5"
   * @param deltaVersion the shaded Delta Lake version
   * @param otherBuild the tripcast build for the running Spark's line, e.g.
   *     "target/spark4/tripcast.jar (make package-spark4)"; empty when there is none
   */
  public UnsupportedSparkException(String running, String wantedMajorMinor, String deltaVersion,
      Optional<String> otherBuild) {
    super(String.format(
        "Spark %s is running, but tripcast needs Spark %s.x (its Delta Lake %s works only with Spark %s):"
            + " submit with a Spark %s spark-submit (SPARK_HOME) or to a Spark %s cluster%s",
        running, wantedMajorMinor, deltaVersion, wantedMajorMinor, wantedMajorMinor, wantedMajorMinor,
        otherBuild.map(b -> ", or use the Spark " + SparkVersionCheck.majorMinor(running).orElseThrow()
            + " build of tripcast: " + b).orElse("")), null);
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
