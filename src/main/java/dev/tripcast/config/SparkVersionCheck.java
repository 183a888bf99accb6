package dev.tripcast.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses to start on a Spark whose major.minor differs from the one this build was compiled and
 * tested against (pom {@code spark.version}, 3.5). Delta Lake 3.3, shaded into the jar, supports
 * only Spark 3.5.x: on another Spark it fails late and obscurely ({@code NoSuchMethodError}
 * inside a write), so the CLI checks first, before reading any setting or starting Spark.
 */
public final class SparkVersionCheck {
  /** "3.5.9", "3.5.0-SNAPSHOT", "4.0.0-preview1" → groups 1 and 2 are major and minor. */
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.\\-+].*)?$");

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
   * @throws UnsupportedSparkException if {@code running} is not {@code builtWith}'s major.minor
   * @throws IllegalStateException if {@code builtWith} is not a version (a broken build)
   */
  static void require(String running, String builtWith, String deltaVersion) {
    String wanted = majorMinor(builtWith).orElseThrow(() -> new IllegalStateException(
        "dev/tripcast/version.properties has no usable spark.version ('" + builtWith + "'): rebuild with Maven"));
    if (!majorMinor(running).map(wanted::equals).orElse(false)) {
      throw new UnsupportedSparkException(running, wanted, deltaVersion);
    }
  }

  /** "3.5.9" → "3.5"; empty if {@code version} does not start with major.minor. */
  static Optional<String> majorMinor(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.trim());
    return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
  }
}
