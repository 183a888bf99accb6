package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.reports.ReportParams;
import dev.tripcast.model.ModelParams;
import dev.tripcast.model.RidgeSolver;
import dev.tripcast.model.ScoringEngine;
import dev.tripcast.features.TripFilters;
import com.typesafe.config.ConfigFactory;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.testing.TestSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void referenceDefaultsLoad() {
    Settings s = SettingsLoader.load(Optional.empty());

    assertEquals(new Settings.Paths("data/tlc", "warehouse", "models"), s.paths());
    assertEquals("local[*]", s.spark().master());
    assertEquals("tripcast", s.spark().appName());
    assertEquals(Map.of(
        "spark.sql.shuffle.partitions", "8",
        "spark.sql.maxConcurrentOutputFileWriters", "4",
        "spark.sql.codegen.hugeMethodLimit", "8000",
        "spark.databricks.delta.snapshotPartitions", "8",
        "spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "1024"), s.spark().conf());
    assertEquals(new TripFilters(1.0, 60.0, true), s.filters());
    assertEquals("trip-duration", s.model().name());
    assertEquals(dev.tripcast.features.FeatureSet.EXTENDED, s.model().featureSet());
    assertEquals(new ModelParams.PairModel("l-bfgs", 100, 1e-9, 0.0), s.model().pair());
    assertEquals(new ModelParams.Backoff(true, 0.001, 60.0), s.model().backoff());
    assertEquals(new ModelParams.Extended(List.of(3e-4, 1e-3, 3e-3), 0.25, RidgeSolver.L_BFGS, 100, 1e-7, 60.0,
        List.of(0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 20.0)), s.model().extended());
    assertEquals(new ReportParams(0.001, List.of(1.0, 2.0, 5.0, 10.0, 20.0)), s.reports());
    assertEquals(new Settings.S3(Optional.empty(), false, "us-east-1",
        List.of("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "com.amazonaws.auth.EnvironmentVariableCredentialsProvider"),
        new Settings.S3Connection(96, Duration.ofSeconds(5), Duration.ofSeconds(60), 3, 3, Duration.ofMillis(500)),
        new Settings.S3Io("random", 65536, "keep", "disk", 2, true),
        LogStorePolicy.REFUSE), s.s3());
    assertEquals(ScoringEngine.COMPILED, s.scoringEngine());
    assertEquals(new Settings.Catalog(Optional.empty()), s.catalog());
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {"tripcast|tripcast", "Trip_Cast2|trip_cast2", "'  '|"})
  void catalogDatabaseIsANameLowerCasedOrEmpty(String given, String database) throws IOException {
    assertEquals(new Settings.Catalog(Optional.ofNullable(database)), SettingsLoader.load(Optional.of(
        write("tripcast.catalog.database = \"" + given + "\"\n"))).catalog());
  }

  @Test
  void catalogDatabaseThatIsNotANameIsRejectedNamingTheKey() throws IOException {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SettingsLoader.load(Optional.of(write("tripcast.catalog.database = \"trip-cast.db\"\n"))));
    assertEquals("configuration key 'tripcast.catalog.database': must be empty (no catalog) or a database name of"
        + " letters, digits and underscores, got 'trip-cast.db'", e.getMessage());
  }

  @Test
  void localConfOverridesPathsAndSparkAndKeepsTheOtherDefaults() {
    Settings s = SettingsLoader.load(Optional.of(repoFile("conf/local.conf")));

    assertEquals(new Settings.Paths("data/tlc", "warehouse/tables", "warehouse/models"), s.paths());
    assertEquals("local[2]", s.spark().master());
    assertEquals("4", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("127.0.0.1", s.spark().conf().get("spark.driver.bindAddress"));
    assertEquals("false", s.spark().conf().get("spark.ui.enabled"));
    assertEquals("1024", s.spark().conf().get("spark.sql.objectHashAggregate.sortBased.fallbackThreshold")); // merged
    assertEquals(new TripFilters(1.0, 60.0, true), s.filters());
  }

  @Test
  void courseConfIncludesLocalConfKeepsStrayPickupsAndPinsTheCourseFeatureSet() {
    Settings s = SettingsLoader.load(Optional.of(repoFile("conf/course.conf")));

    assertEquals(dev.tripcast.features.FeatureSet.COURSE, s.model().featureSet());
    assertEquals(new TripFilters(1.0, 60.0, false), s.filters());
    assertEquals(new Settings.Paths("data/tlc", "warehouse/tables", "warehouse/models"), s.paths());
    assertEquals("local[2]", s.spark().master());
  }

  @Test
  void configFileOverridesOnlyTheKeysItSets() throws IOException {
    File conf = write("tripcast.model.pair.max-iter = 7\ntripcast.paths.data-root = \"s3a://bucket/tlc\"\n");

    Settings s = SettingsLoader.load(Optional.of(conf));

    assertEquals(new ModelParams.PairModel("l-bfgs", 7, 1e-9, 0.0), s.model().pair());
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
  void extendedGridAndKnotsAreChecked() throws IOException {
    File grid = write("tripcast.model.extended.reg-param-grid = [1e-3, 0]\n");
    InvalidInputException g = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(grid)));
    File knots = write("tripcast.model.extended.distance-knots-miles = [1, 0.5]\n");
    InvalidInputException k = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(knots)));

    assertEquals("configuration key 'tripcast.model.extended.reg-param-grid': must list at least one penalty, each > 0,"
        + " got [0.001, 0.0]", g.getMessage());
    assertTrue(k.getMessage().startsWith("configuration key 'tripcast.model.extended.distance-knots-miles': must be ascending"),
        k.getMessage());
  }

  @Test
  void outOfRangeValueIsRejectedNamingTheKey() throws IOException {
    File conf = write("tripcast.model.pair.max-iter = 0\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.model.pair.max-iter': must be > 0, got 0", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "tripcast.model.pair.solver     | [l-bfgs, normal, auto]",
      "tripcast.model.extended.solver | [exact, l-bfgs]"})
  void unknownSolverIsRejectedListingTheAllowedOnes(String key, String allowed) throws IOException {
    File conf = write(key + " = lbfgs\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key '" + key + "': must be one of " + allowed + ", got 'lbfgs'", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"90m | PT1H30M", "30m | PT30M", "0 | PT0S"})
  void aVacuumRetentionOfNoWholeHoursIsRejected(String value, String parsed) throws IOException {
    File conf = write("tripcast.maintenance.vacuum-retention = " + value + "\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.maintenance.vacuum-retention': must be a whole number of hours, at least 1h"
        + " (VACUUM's RETAIN is in hours), got " + parsed, e.getMessage());
  }

  @Test
  void extendedSolverIsReadFromTheConfigFile() throws IOException {
    File conf = write("tripcast.model.extended.solver = exact\n");

    assertEquals(RidgeSolver.EXACT, SettingsLoader.load(Optional.of(conf)).model().extended().solver());
  }

  @Test
  void misspelledKeyIsRejectedNamingIt() throws IOException {
    File conf = write("tripcast.paths.data-roots = \"/elsewhere\"\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.paths.data-roots': not a tripcast setting "
        + "(misspelled? see reference.conf for the keys)", e.getMessage());
  }

  @Test
  void retiredKeyIsRejectedNamingItsReplacement() throws IOException {
    File conf = write("tripcast.reports.percentile-accuracy = 10000\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.reports.percentile-accuracy': no longer a tripcast setting: replaced by "
        + "tripcast.reports.percentile-bin-minutes (exact percentiles from 0.001-minute bins)", e.getMessage());
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

  @Test
  void s3EndpointAndPathStyleForAnS3CompatibleServer() throws IOException {
    File conf = write("tripcast.s3 { endpoint = \"http://127.0.0.1:9000/\", path-style-access = true, region = eu-west-1 }\n"
        + "tripcast.paths.data-root = \"s3a://tlc/trips\"\n");

    Settings s = SettingsLoader.load(Optional.of(conf));

    assertEquals(Optional.of("http://127.0.0.1:9000"), s.s3().endpoint());
    assertTrue(s.s3().pathStyleAccess());
    assertEquals("eu-west-1", s.s3().region());
    assertEquals("s3a://tlc/trips", s.paths().dataRoot());
  }

  @Test
  void s3EndpointThatIsNotAnHttpUrlIsRejectedNamingTheKey() throws IOException {
    File conf = write("tripcast.s3.endpoint = \"127.0.0.1:9000\"\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.s3.endpoint': must be empty (AWS S3) or an http(s)://host[:port] URL,"
        + " got '127.0.0.1:9000'", e.getMessage());
  }

  @Test
  void instanceMetadataCredentialProviderIsRefused() throws IOException {
    File conf = write("tripcast.s3.credentials-providers = [\"com.amazonaws.auth.EnvironmentVariableCredentialsProvider\","
        + " \"org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider\"]\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration key 'tripcast.s3.credentials-providers': org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider"
        + " queries the cloud instance-metadata service, which tripcast never contacts; remove it", e.getMessage());
  }

  @Test
  void secretInAConfigFileIsRefusedWithoutPrintingIt() throws IOException {
    File conf = write("tripcast.spark.conf { \"spark.hadoop.fs.s3a.secret.key\" = \"wJalrXUtnFEMIEXAMPLE\" }\n");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SettingsLoader.load(Optional.of(conf)));

    assertEquals("configuration file " + conf.getPath() + ": key 'tripcast.spark.conf.spark.hadoop.fs.s3a.secret.key'"
        + " holds a secret; credentials come only from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
        + " or the AWS provider chain, never from a file", e.getMessage());
    assertFalse(e.getMessage().contains("wJalrXUtnFEMIEXAMPLE"));
  }

  @Test
  void scoringEngineIsCompiledOrMllib() throws IOException {
    assertEquals(ScoringEngine.MLLIB,
        SettingsLoader.load(Optional.of(write("tripcast.scoring.engine = mllib\n"))).scoringEngine());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SettingsLoader.load(Optional.of(write("tripcast.scoring.engine = codegen\n"))));
    assertEquals("configuration key 'tripcast.scoring.engine': must be one of [compiled, mllib], got 'codegen'",
        e.getMessage());
  }

  @Test
  void logStorePolicyAndDurationsAreChecked() throws IOException {
    assertEquals(LogStorePolicy.WARN,
        SettingsLoader.load(Optional.of(write("tripcast.s3.single-driver-log-store = warn\n"))).s3().singleDriverLogStore());
    InvalidInputException policy = assertThrows(InvalidInputException.class,
        () -> SettingsLoader.load(Optional.of(write("tripcast.s3.single-driver-log-store = ignore\n"))));
    assertEquals("configuration key 'tripcast.s3.single-driver-log-store': must be one of [refuse, warn], got 'ignore'",
        policy.getMessage());
    InvalidInputException timeout = assertThrows(InvalidInputException.class,
        () -> SettingsLoader.load(Optional.of(write("tripcast.s3.connection.socket-timeout = 0s\n"))));
    assertEquals("configuration key 'tripcast.s3.connection.socket-timeout': must be a positive duration such as 5s"
        + " or 500ms, got PT0S", timeout.getMessage());
  }

  private File write(String hocon) throws IOException {
    return Files.writeString(dir.resolve("test.conf"), hocon).toFile();
  }

  private static File repoFile(String relative) {
    return TestSettings.repoDir().resolve(relative).toFile();
  }
}
