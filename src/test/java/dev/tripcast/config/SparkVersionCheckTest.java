package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkVersionCheckTest {
  @ParameterizedTest
  @CsvSource({"3.5.9, 3.5", "3.5.0-SNAPSHOT, 3.5", "4.0.0-preview1, 4.0", "3.5, 3.5", "10.12.1, 10.12", "' 3.4.1 ', 3.4"})
  void majorMinorOfVersions(String version, String expected) {
    assertEquals(Optional.of(expected), SparkVersionCheck.majorMinor(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3", "unknown", "v3.5.1", "3.x.1", "3..5"})
  void majorMinorOfNonVersionsIsEmpty(String version) {
    assertEquals(Optional.empty(), SparkVersionCheck.majorMinor(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.5.0", "3.5.9", "3.5.12-SNAPSHOT"})
  void anySpark35PatchIsAccepted(String running) {
    assertDoesNotThrow(() -> SparkVersionCheck.require(running, "3.5.9", "3.3.2"));
  }

  @Test
  void spark34IsRefusedWithOneLineNamingBothVersionsAndTheFix() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SparkVersionCheck.require("3.4.1", "3.5.9", "3.3.2"));

    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertEquals("Spark 3.4.1 is running, but tripcast needs Spark 3.5.x (its Delta Lake 3.3.2 works only with"
        + " Spark 3.5): submit with a Spark 3.5 spark-submit (SPARK_HOME) or to a Spark 3.5 cluster", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.0.0", "2.4.8", "3.6.0", "35.1", "garbage"})
  void otherMajorMinorsAndUnreadableVersionsAreRefused(String running) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SparkVersionCheck.require(running, "3.5.9", "3.3.2"));
    assertTrue(e.getMessage().startsWith("Spark " + running + " is running, but tripcast needs Spark 3.5.x"), e.getMessage());
  }

  @Test
  void spark41OnTheSpark35BuildIsRefusedNamingTheSpark4Jar() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SparkVersionCheck.require("4.1.1", "3.5.9", "3.3.2"));

    assertEquals("Spark 4.1.1 is running, but tripcast needs Spark 3.5.x (its Delta Lake 3.3.2 works only with"
        + " Spark 3.5): submit with a Spark 3.5 spark-submit (SPARK_HOME) or to a Spark 3.5 cluster, or use the"
        + " Spark 4.1 build of tripcast: target/spark4/tripcast.jar (make package-spark4; TRIPCAST_SPARK=4 for"
        + " jobs/tripcast)", e.getMessage());
  }

  @Test
  void spark35OnTheSpark41BuildIsRefusedNamingTheDefaultJar() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SparkVersionCheck.require("3.5.9", "4.1.1", "4.2.0"));

    assertTrue(e.getMessage().startsWith("Spark 3.5.9 is running, but tripcast needs Spark 4.1.x (its Delta Lake"
        + " 4.2.0 works only with Spark 4.1)"), e.getMessage());
    assertTrue(e.getMessage().endsWith("or use the Spark 3.5 build of tripcast: target/tripcast.jar (make package)"),
        e.getMessage());
  }

  @Test
  void spark40IsRefusedByTheSpark41BuildWithoutNamingAnotherJar() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SparkVersionCheck.require("4.0.1", "4.1.1", "4.2.0"));
    assertTrue(e.getMessage().endsWith("or to a Spark 4.1 cluster"), e.getMessage());
  }

  @Test
  void aBuildWithoutASparkVersionIsABugNotAnInputError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SparkVersionCheck.require("3.5.9", "unknown", "3.3.2"));
    assertTrue(e.getMessage().contains("no usable spark.version ('unknown')"), e.getMessage());
  }

  /** The pom's {@code spark.version} of the profile under test (3.5.9, or 4.1.1 with -Pspark4), from Surefire. */
  @Test
  void theTestClasspathRunsTheSparkOfTheBuild() {
    assertEquals(System.getProperty("tripcast.build.spark.version"), TripcastVersion.sparkVersion());
    assertEquals(TripcastVersion.sparkVersion(), SparkVersionCheck.running());
    assertDoesNotThrow(SparkVersionCheck::requireSupported);
  }
}
