package dev.tripcast.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tripcast version, from the build (Maven {@code project.version}). */
public final class TripcastVersion {
  private TripcastVersion() {}

  /** The version string, e.g. "0.1.0-SNAPSHOT"; "unknown" outside a Maven build. */
  public static String get() {
    try (InputStream in = TripcastVersion.class.getResourceAsStream("/dev/tripcast/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
