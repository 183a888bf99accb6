package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkSessions#sparkConf}: Spark's console progress bar is off unless a launcher asks for
 * it; tripcast's defaults apply unless the configuration sets the same key.
 */
class SparkSessionsTest {
  private static final Settings DEFAULTS = SettingsLoader.load(Optional.empty());

  @Test
  void theConsoleProgressBarIsOffByDefault() {
    assertEquals("false", SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false)
        .get(SparkSessions.CONSOLE_PROGRESS));
  }

  @Test
  void theLaunchersTurnItOnWithASystemPropertyWhenStderrIsATerminal() {
    System.setProperty(SparkSessions.CONSOLE_PROGRESS, "true"); // what jobs/tripcast passes under [[ -t 2 ]]
    try {
      assertEquals("true", SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false)
          .get(SparkSessions.CONSOLE_PROGRESS));
    } finally {
      System.clearProperty(SparkSessions.CONSOLE_PROGRESS);
    }
  }

  @Test
  void theCodegenCacheHoldsAThousandClassesByDefault() {
    assertEquals("1000", SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false)
        .get("spark.sql.codegen.cache.maxEntries"));
  }

  @Test
  void theConfigurationOverridesADefault(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("cache.conf"),
        "tripcast.spark.conf { \"spark.sql.codegen.cache.maxEntries\" = \"50\" }");
    Settings settings = SettingsLoader.load(Optional.of(file.toFile()));
    assertEquals("50", SparkSessions.sparkConf(settings.spark(), settings.s3(), false)
        .get("spark.sql.codegen.cache.maxEntries"));
  }

  @Test
  void hiveCatalogOnAClassPathWithoutHiveIsRefusedNamingTheSetting() {
    org.apache.spark.SparkConf hive = new org.apache.spark.SparkConf(false).set("spark.sql.catalogImplementation", "hive");
    // The platform class loader sees no Spark; the test class path holds spark-hive (HiveCatalogIT).
    InvalidConfigValueException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigValueException.class,
        () -> SparkSessions.requireHiveClasses(hive, ClassLoader.getPlatformClassLoader()));
    assertEquals("configuration key 'spark.sql.catalogImplementation': is hive but this class path has no Spark Hive"
        + " support (no org.apache.spark.sql.hive.HiveSessionStateBuilder): run on a Spark built with Hive, e.g. with"
        + " jobs/tripcast-submit (docs/deploy.md)", e.getMessage());
    SparkSessions.requireHiveClasses(hive, SparkSessionsTest.class.getClassLoader());
    SparkSessions.requireHiveClasses(new org.apache.spark.SparkConf(false), ClassLoader.getPlatformClassLoader());
  }
}
