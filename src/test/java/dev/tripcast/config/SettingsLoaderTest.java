package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.testing.TestSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void referenceDefaultsLoad() {
    Settings s = SettingsLoader.load(Optional.empty());

    assertEquals(new Settings.Paths("data/tlc", "warehouse", "models"), s.paths());
    assertEquals(new Settings.Tables("scored_trips", "error_report", "data_quality"), s.tables());
    assertEquals("local[*]", s.spark().master());
    assertEquals("tripcast", s.spark().appName());
    assertEquals(Map.of(
        "spark.sql.shuffle.partitions", "8",
        "spark.ui.showConsoleProgress", "false",
        "spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "1024",
        "spark.sql.maxConcurrentOutputFileWriters", "4"), s.spark().conf());
    assertEquals(new Settings.Filters(1.0, 60.0, true), s.filters());
    assertEquals("trip-duration", s.model().name());
    assertEquals(dev.tripcast.features.FeatureSet.COURSE, s.model().featureSet());
    assertEquals(new Settings.PairModel("l-bfgs", 100, 1e-9, 0.0), s.model().pair());
    assertEquals(new Settings.Backoff(true, 0.001, 60.0), s.model().backoff());
    assertEquals(new Settings.Reports(10000, List.of(1.0, 2.0, 5.0, 10.0, 20.0)), s.reports());
  }

  @Test
  void localConfOverridesPathsAndSparkAndKeepsTheOtherDefaults() {
    Settings s = SettingsLoader.load(Optional.of(repoFile("conf/local.conf")));

    assertEquals(new Settings.Paths("data/tlc", "warehouse/tables", "warehouse/models"), s.paths());
    assertEquals("local[2]", s.spark().master());
    assertEquals("4", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("127.0.0.1", s.spark().conf().get("spark.driver.bindAddress"));
    assertEquals("false", s.spark().conf().get("spark.ui.enabled"));
    assertEquals("false", s.spark().conf().get("spark.ui.showConsoleProgress")); // merged, not replaced
    assertEquals(new Settings.Filters(1.0, 60.0, true), s.filters());
  }

  @Test
  void courseConfIncludesLocalConfAndKeepsStrayPickups() {
    Settings s = SettingsLoader.load(Optional.of(repoFile("conf/course.conf")));

    assertEquals(new Settings.Filters(1.0, 60.0, false), s.filters());
    assertEquals(new Settings.Paths("data/tlc", "warehouse/tables", "warehouse/models"), s.paths());
    assertEquals("local[2]", s.spark().master());
  }

  @Test
  void configFileOverridesOnlyTheKeysItSets() throws IOException {
    File conf = write("tripcast.model.pair.max-iter = 7\ntripcast.paths.data-root = \"s3a://bucket/tlc\"\n");

    Settings s = SettingsLoader.load(Optional.of(conf));

    assertEquals(new Settings.PairModel("l-bfgs", 7, 1e-9, 0.0), s.model().pair());
    assertEquals(new Settings.Paths("s3a://bucket/tlc", "warehouse", "models"), s.paths());
  }

  @Test
  void missingConfigFileIsRejectedNamingTheFile() {
    File missing = dir.resolve("nope.conf").toFile();

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(missing)));

    assertEquals("configuration file " + missing.getPath() + ": no such file", e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void unparsableConfigFileIsRejectedOnOneLineNamingTheFile() throws IOException {
    File conf = write("tripcast {\n  paths {\n    data-root = \"x\"\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertTrue(e.getMessage().startsWith("configuration file " + conf.getPath() + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void wrongTypeIsRejectedOnOneLineNamingTheKey() throws IOException {
    File conf = write("tripcast.model.pair.max-iter = \"lots\"\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration: " + conf.getPath() + ": 1: tripcast.model.pair.max-iter has type STRING rather than NUMBER",
        e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void objectWhereANumberBelongsIsRejectedByCheckValid() throws IOException {
    File conf = write("tripcast.model.pair.max-iter { a = 1 }\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.model.pair.max-iter': "
        + "Wrong value type at 'tripcast.model.pair.max-iter', expecting: number but got: object with keys [a]",
        e.getMessage());
  }

  @Test
  void outOfRangeValueIsRejectedNamingTheKey() throws IOException {
    File conf = write("tripcast.model.pair.max-iter = 0\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.model.pair.max-iter': must be > 0, got 0", e.getMessage());
  }

  @Test
  void unknownSolverIsRejectedListingTheAllowedOnes() throws IOException {
    File conf = write("tripcast.model.pair.solver = lbfgs\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.model.pair.solver': must be one of [l-bfgs, normal, auto], got 'lbfgs'",
        e.getMessage());
  }

  @Test
  void misspelledKeyIsRejectedNamingIt() throws IOException {
    File conf = write("tripcast.paths.data-roots = \"/elsewhere\"\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.paths.data-roots': not a tripcast setting "
        + "(misspelled? see reference.conf for the keys)", e.getMessage());
  }

  @Test
  void anySparkSettingMayBeAdded() throws IOException {
    File conf = write("tripcast.spark.conf.\"spark.sql.adaptive.enabled\" = false\n");

    Settings s = SettingsLoader.load(Optional.of(conf));

    assertEquals("false", s.spark().conf().get("spark.sql.adaptive.enabled"));
  }

  @Test
  void systemPropertyWinsOverTheConfigFile() throws IOException {
    File conf = write("tripcast.paths.data-root = \"/from/file\"\n");
    String key = "tripcast.paths.data-root";
    String before = System.getProperty(key);
    System.setProperty(key, "/from/system/property");
    ConfigFactory.invalidateCaches();
    try {
      Settings s = SettingsLoader.load(Optional.of(conf));

      assertEquals("/from/system/property", s.paths().dataRoot());
      assertEquals("warehouse", s.paths().warehouseRoot());
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
      ConfigFactory.invalidateCaches();
    }
    assertEquals("/from/file", SettingsLoader.load(Optional.of(conf)).paths().dataRoot());
  }

  private File write(String hocon) throws IOException {
    return Files.writeString(dir.resolve("test.conf"), hocon).toFile();
  }

  private static File repoFile(String relative) {
    return TestSettings.repoDir().resolve(relative).toFile();
  }
}
