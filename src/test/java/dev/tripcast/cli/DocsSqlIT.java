package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ```sql} block of {@code docs/} through {@code tripcast sql}, on a warehouse
 * holding every table: the shared {@link LocalReference} (v1 trained on 2021-01, 2021-02 scored)
 * with v1 promoted to champion through the CLI (a {@code runs} row and alias events). The docs'
 * placeholder {@code /path/to/tripcast/warehouse/tables} is replaced by that warehouse.
 */
class DocsSqlIT {
  private static final String PLACEHOLDER = "/path/to/tripcast/warehouse/tables";
  private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

  @TempDir static Path work;
  private static String config;

  @BeforeAll
  static void warehouseWithEveryTable() {
    LocalReference.get().copyTo(work);
    config = TestConfig.write(work.resolve("docs.conf"), TestSettings.realDataRoot(), work.resolve("tables"),
        work.resolve("models")).toString();
    CliRun promote = CliRun.runWithSpark("models", "promote", "v1", "--alias", "champion", "--reason", "docs example",
        "--config", config);
    assertEquals(0, promote.code(), promote.err());
    // drift_metrics and checks (docs/monitoring.md): any verdict will do, 7 and 8 are not failures
    CliRun monitor = CliRun.runWithSpark("monitor", "--taxi", "green", "--month", "2021-02", "--config", config);
    assertTrue(List.of(0, 7, 8).contains(monitor.code()), monitor.err());
  }

  @TestFactory
  Stream<DynamicTest> everySqlBlockOfTheDocsRuns() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : docs()) {
      Matcher m = SQL_BLOCK.matcher(read(doc));
      int n = 0;
      while (m.find()) {
        String sql = m.group(1).replace(PLACEHOLDER, work.resolve("tables").toUri().getPath().replaceAll("/$", ""));
        tests.add(DynamicTest.dynamicTest(doc.getFileName() + " block " + (++n), () -> {
          CliRun r = CliRun.runWithSpark("sql", sql, "--config", config);
          assertEquals(0, r.code(), sql + "\n" + r.err());
          assertTrue(r.out().startsWith("views: scored_trips, error_report, data_quality, model_registry, runs"), r.out());
        }));
      }
    }
    assertFalse(tests.isEmpty(), "no sql blocks found under docs/");
    return tests.stream();
  }

  @Test
  void theChampionsLineageNamesItsTrainingRunAndPromotion() {
    String lineage = blocks(TestSettings.repoDir().resolve("docs/tables.md")).stream()
        .filter(b -> b.contains("WITH champion AS")).findFirst().orElseThrow();
    CliRun r = CliRun.runWithSpark("sql", lineage, "--config", config);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("registered") && r.out().contains("alias_set") && r.out().contains("docs example"),
        r.out());
    assertTrue(r.out().contains("(2 rows)"), r.out());
  }

  private static List<Path> docs() {
    try (Stream<Path> files = Files.list(TestSettings.repoDir().resolve("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> blocks(Path doc) {
    List<String> out = new ArrayList<>();
    Matcher m = SQL_BLOCK.matcher(read(doc));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
