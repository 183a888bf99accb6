package dev.tripcast.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions fixed at build time ({@code dev/tripcast/version.properties}, filtered by Maven): this
 * tripcast, and the Spark and Delta Lake it was compiled and tested against.
 */
public final class TripcastVersion {
  private static final String UNKNOWN = "unknown";

  private TripcastVersion() {}

  /** The tripcast version, e.g. "0.1.0-SNAPSHOT"; "unknown" outside a Maven build. */
  public static String get() {
    return property("version");
  }

  /** The Spark version of the build (pom {@code spark.version}), e.g. "3.5.9"; "unknown" outside a Maven build. */
  public static String sparkVersion() {
    return property("spark.version");
  }

  /** The Delta Lake version shaded into the jar (pom {@code delta.version}), e.g. "3.3.2"; "unknown" outside a Maven build. */
  public static String deltaVersion() {
    return property("delta.version");
  }

  private static String property(String key) {
    try (InputStream in = TripcastVersion.class.getResourceAsStream("/dev/tripcast/version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key, UNKNOWN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
