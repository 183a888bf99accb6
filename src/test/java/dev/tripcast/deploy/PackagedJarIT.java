package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.TripcastVersion;
import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.TestSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded application jar ({@code target/tripcast.jar}) holds tripcast, Delta, a relocated
 * Typesafe Config and picocli, and nothing that Spark provides; its service files and
 * {@code reference.conf} are merged; it lists each library it holds with its version and carries their
 * licences; and it runs on the Spark jars alone ({@code jobs/tripcast}).
 * The standalone cluster IT runs real jobs from it.
 */
class PackagedJarIT {
  private static Set<String> entries;

  @BeforeAll
  static void listTheJar() throws IOException {
    try (JarFile jar = new JarFile(Packaged.jar().toFile())) {
      entries = jar.stream().map(JarEntry::getName).collect(Collectors.toSet());
    }
  }

  @Test
  void holdsTripcastDeltaPicocliAndARelocatedTypesafeConfig() {
    for (String cls : List.of("dev/tripcast/cli/Tripcast.class", "dev/tripcast/config/SparkVersionCheck.class",
        "io/delta/tables/DeltaTable.class", "org/apache/spark/sql/delta/sources/DeltaDataSource.class",
        "io/delta/storage/LogStore.class", "picocli/CommandLine.class",
        "dev/tripcast/shaded/com/typesafe/config/ConfigFactory.class")) {
      assertTrue(entries.contains(cls), cls + " missing");
    }
    assertTrue(entries.contains("dev/tripcast/reports/taxi_zone_lookup.csv"));
  }

  @Test
  void leavesOutWhatSparkProvidesTheUnrelocatedConfigAndSignatures() {
    for (String prefix : List.of("com/typesafe/", "scala/", "org/apache/hadoop/", "org/antlr/",
        "org/apache/spark/SparkContext", "org/apache/spark/sql/SparkSession", "com/fasterxml/")) {
      assertTrue(entries.stream().noneMatch(e -> e.startsWith(prefix)), "the jar must not contain " + prefix + "*");
    }
    assertTrue(entries.stream().noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")), "signature files");
    assertFalse(entries.contains("module-info.class"));
  }

  @Test
  void mergesServiceFilesAndReferenceConfAndNamesTheMainClass() throws IOException {
    try (JarFile jar = new JarFile(Packaged.jar().toFile())) {
      assertEquals(List.of("org.apache.spark.sql.delta.sources.DeltaDataSource"),
          read(jar, "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister").lines().map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
      String reference = read(jar, "reference.conf");
      assertTrue(reference.contains("tripcast {") && reference.contains("data-root = \"data/tlc\""), reference);
      assertEquals("dev.tripcast.cli.Tripcast", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  @Test
  void listsEveryShadedLibraryWithItsVersionAndShipsTheirLicences() throws IOException {
    try (JarFile jar = new JarFile(Packaged.jar().toFile())) {
      String notices = read(jar, "META-INF/THIRD-PARTY-NOTICES.txt");
      assertFalse(notices.contains("${"), "every version filled in from the POM");
      java.util.Properties jfreechart = new java.util.Properties();
      jfreechart.load(new java.io.StringReader(read(jar, "META-INF/maven/org.jfree/jfreechart/pom.properties")));
      for (String library : List.of("io.delta:delta-spark_", "io.delta:delta-storage:", "com.typesafe:config:",
          "info.picocli:picocli:", "org.jfree:jfreechart:" + jfreechart.getProperty("version") + "\n")) {
        assertTrue(notices.contains(library), library + " in\n" + notices);
      }
      assertTrue(read(jar, "META-INF/licenses/LICENSE-Apache-2.0.txt").contains("Apache License"));
      assertTrue(read(jar, "META-INF/licenses/LICENSE-LGPL-2.1.txt").contains("GNU LESSER GENERAL PUBLIC LICENSE"));
    }
  }

  @Test
  void runsOnTheSparkJarsAloneThroughTheLocalLauncher() {
    Processes.Result r = Processes.run(List.of(Packaged.job("tripcast").toString(), "--version"), Map.of(),
        TestSettings.repoDir(), Duration.ofMinutes(1));

    assertEquals(0, r.exitCode(), r.describe());
    assertEquals(List.of("tripcast " + TripcastVersion.get()), r.stdout().lines().toList());
  }

  private static String read(JarFile jar, String name) throws IOException {
    try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
