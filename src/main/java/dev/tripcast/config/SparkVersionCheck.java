package dev.tripcast.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses to start on a Spark whose major.minor differs from the one this build was compiled and
 * tested against (pom {@code spark.version}: 3.5 by default, 4.1 with {@code -Pspark4}). The Delta
 * Lake shaded into the jar supports only its own Spark line (Delta 3.3 Spark 3.5.x, Delta 4.2's
 * {@code delta-spark_4.1} Spark 4.1.x): on another Spark it fails late and obscurely
 * ({@code NoSuchMethodError} inside a write), so the CLI checks first, before reading any setting
 * or starting Spark. When the running Spark is the line of the other build, the refusal names that
 * build's jar.
 */
public final class SparkVersionCheck {
  /** "3.5.9", "3.5.0-SNAPSHOT", "4.0.0-preview1" → groups 1 and 2 are major and minor. */
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.\\-+].*)?$");

  /** Spark major.minor → the tripcast build for it: its jar (relative to the checkout) and how to make it. */
  private static final Map<String, String> BUILDS = Map.of(
      "3.5", "target/tripcast.jar (make package)",
      "4.1", "target/spark4/tripcast.jar (make package-spark4; TRIPCAST_SPARK=4 for jobs/tripcast)");

  private SparkVersionCheck() {}

  /**
   * The version of the Spark on the classpath, read from its {@code spark-version-info.properties}
   * (the value {@code spark-submit --version} prints), without starting Spark.
   */
  public static String running() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /**
   * Checks the running Spark against the build's.
   *
   * @throws dev.tripcast.errors.InvalidInputException if the major.minor versions differ, or the
   *     running version cannot be parsed; the message names both versions and the fix
   */
  public static void requireSupported() {
    require(running(), TripcastVersion.sparkVersion(), TripcastVersion.deltaVersion());
  }

  /**
   * The check itself, on given versions.
   *
   * @param running the running Spark's version, e.g. "3.4.1"
   * @param builtWith the build's Spark version, e.g. "3.5.9"; only its major.minor matters
   * @param deltaVersion the shaded Delta Lake version, named in the message
   * @throws UnsupportedSparkException if {@code running} is not {@code builtWith}'s major.minor;
   *     when another tripcast build exists for {@code running}'s major.minor, its message names it
   * @throws IllegalStateException if {@code builtWith} is not a version (a broken build)
   */
  static void require(String running, String builtWith, String deltaVersion) {
    String wanted = majorMinor(builtWith).orElseThrow(() -> new IllegalStateException(
        "dev/tripcast/version.properties has no usable spark.version ('" + builtWith + "'): rebuild with Maven"));
    Optional<String> line = majorMinor(running);
    if (!line.map(wanted::equals).orElse(false)) {
      throw new UnsupportedSparkException(running, wanted, deltaVersion, line.map(BUILDS::get));
    }
  }

  /** "3.5.9" → "3.5"; empty if {@code version} does not start with major.minor. */
  static Optional<String> majorMinor(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.trim());
    return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
  }
}
