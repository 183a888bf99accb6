package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/tripcast} with a class-data-sharing archive ({@code TRIPCAST_JSA}; {@code make
 * package} leaves one at {@code target/tripcast.jsa}): a job prints the same on stdout with one as
 * without, and an archive made for another jar is ignored without a word. The archives are made
 * here, each by one run with {@code -XX:ArchiveClassesAtExit}: the packaged one is stale once Maven
 * has rebuilt the jar. Whether the JVM accepts each is checked first, so neither test passes by
 * starting without the archive it meant to use.
 */
class ClassArchiveIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(10); // about 20 s each on an idle machine
  private static final String MAIN = "dev.tripcast.cli.Tripcast";
  /** Every job JVM here: C1 only and a small heap, which the archive does not depend on; cheaper for a short query. */
  private static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -Xmx1g";

  @TempDir Path tmp;

  @Test
  void aJobPrintsTheSameOnStdoutWithTheArchiveAsWithout() {
    Path archive = tmp.resolve("tripcast.jsa");
    Path config = TestConfig.write(tmp.resolve("it.conf"), tmp.resolve("data"), tmp.resolve("tables"),
        tmp.resolve("models"));
    String[] sql = {"sql", "SELECT 1 AS one", "--config", config.toString()};
    Processes.Result dump = tripcast(Map.of("TRIPCAST_CDS", "0", "TRIPCAST_JAVA_OPTS",
        JAVA_OPTS + " -XX:ArchiveClassesAtExit=" + archive + " " + Packaged.CDS_QUIET), sql);
    assertEquals(0, dump.exitCode(), dump.describe());
    assertTrue(Packaged.acceptsClassArchive(archive), "the JVM refuses the archive made for the packaged jar");

    Processes.Result without = tripcast(Map.of("TRIPCAST_CDS", "0"), sql);
    Processes.Result with = tripcast(Map.of("TRIPCAST_JSA", archive.toString()), sql);

    assertEquals(0, without.exitCode(), without.describe());
    assertEquals(0, with.exitCode(), with.describe());
    assertTrue(without.stdout().contains("(1 row)"), without.stdout());
    assertEquals(without.stdout(), with.stdout());
  }

  @Test
  void anArchiveMadeForAnotherJarIsIgnoredSilently() throws IOException {
    Path otherJar = Files.copy(Packaged.jar(), Files.createDirectories(tmp.resolve("other")).resolve("tripcast.jar"));
    Path stale = tmp.resolve("stale.jsa");
    Processes.Result dump = Processes.run(List.of(Packaged.java(), "-XX:ArchiveClassesAtExit=" + stale,
        Packaged.CDS_QUIET, "-cp", otherJar + java.io.File.pathSeparator + Packaged.sparkClasspath(), MAIN, "--version"),
        Map.of(), tmp, TIMEOUT);
    assertEquals(0, dump.exitCode(), dump.describe());
    assertFalse(Packaged.acceptsClassArchive(stale), "the JVM accepts an archive made for another jar");

    Processes.Result without = tripcast(Map.of("TRIPCAST_CDS", "0"), "--version");
    Processes.Result with = tripcast(Map.of("TRIPCAST_JSA", stale.toString()), "--version");

    assertEquals(0, with.exitCode(), with.describe());
    assertEquals(without.stdout(), with.stdout());
    assertEquals("", with.stderr());
  }

  private Processes.Result tripcast(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Packaged.job("tripcast").toString()));
    command.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>();
    environment.put("TRIPCAST_CDS", null);
    environment.put("TRIPCAST_JSA", null);
    environment.put("TRIPCAST_JAVA_OPTS", JAVA_OPTS);
    environment.putAll(env);
    return Processes.run(command, environment, TestSettings.repoDir(), TIMEOUT);
  }
}
