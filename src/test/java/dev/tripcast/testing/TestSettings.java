package dev.tripcast.testing;

import dev.tripcast.features.FeatureSet;
import dev.tripcast.features.TripFilters;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** Settings for tests: the packaged defaults with paths pointing at test folders. */
public final class TestSettings {
  private TestSettings() {}

  /** The repository root (Surefire sets project.repo.dir; falls back to the working dir). */
  public static Path repoDir() {
    return Path.of(System.getProperty("project.repo.dir", ".")).toAbsolutePath().normalize();
  }

  /** The real TLC months and zone lookup shipped in the repo ({@code data/tlc}). */
  public static Path realDataRoot() {
    return repoDir().resolve("data/tlc");
  }

  /** reference.conf defaults, data read from {@code dataRoot}, everything written under {@code workDir}. */
  public static Settings defaults(Path dataRoot, Path workDir) {
    return withPaths(SettingsLoader.load(Optional.empty()), dataRoot, workDir);
  }

  /** The course-parity profile ({@code conf/course.conf}) with test paths. */
  public static Settings course(Path dataRoot, Path workDir) {
    return withPaths(SettingsLoader.load(Optional.of(new File(repoDir().toFile(), "conf/course.conf"))), dataRoot, workDir);
  }

  /** {@code s} with its paths replaced. */
  public static Settings withPaths(Settings s, Path dataRoot, Path workDir) {
    return s.withPaths(
        new Settings.Paths(dataRoot.toString(), workDir.resolve("tables").toString(), workDir.resolve("models").toString()));
  }

  /** {@code s} with another feature set: tests that assert a feature set's figures pin it, never rely on the default. */
  public static Settings withFeatureSet(Settings s, FeatureSet featureSet) {
    return s.withModel(s.model().withFeatureSet(featureSet));
  }

  /** {@code s} with other filters. */
  public static Settings withFilters(Settings s, TripFilters filters) {
    return s.withFilters(filters);
  }
}
