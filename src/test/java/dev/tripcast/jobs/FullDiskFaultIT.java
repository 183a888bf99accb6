package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.MonthRows;
import dev.tripcast.testing.SmallDisk;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: the warehouse lives on a 64 MiB {@code tmpfs}, holding the local
 * reference's tables (v1, 2021-02 scored), filled up to 512 KiB free; then {@code score} of the
 * real green 2021-03 (76,000 trips, a few MiB of {@code scored_trips}) cannot write. It must end
 * with exit 9 ({@link ExitCode#STORAGE_FULL}) and one line naming the table, commit nothing (no
 * table's version moves, 2021-02 is untouched), and once space is freed a re-run must write
 * exactly what a clean run writes. Skipped, with the mount's answer, where a {@code tmpfs} cannot
 * be mounted (not root, or no {@code CAP_SYS_ADMIN}).
 */
class FullDiskFaultIT {
  private static final List<String> MONTH_TABLES = List.of("scored_trips", "error_report", "data_quality");

  @TempDir Path work;

  @Test
  void aFullDiskIsExitNineInOneLineCommitsNothingAndTheRerunConverges() throws Exception {
    try (SmallDisk disk = mountOrSkip(work.resolve("disk"), 64)) {
      Path clean = work.resolve("clean");
      Path full = work.resolve("full");
      LocalReference.get().copyTo(clean);
      LocalReference.get().copyTo(full);
      Path tables = disk.root().resolve("tables");
      LocalReference.copyTree(full.resolve("tables"), tables);
      String cleanConfig = TestConfig.write(work.resolve("clean.conf"), TestSettings.realDataRoot(),
          clean.resolve("tables"), clean.resolve("models")).toString();
      String fullConfig = TestConfig.write(work.resolve("full.conf"), TestSettings.realDataRoot(), tables,
          full.resolve("models")).toString();
      List<Long> versionsBefore = versions(tables);
      Path filler = disk.root().resolve("filler");
      disk.fill(filler, 512 * 1024);

      CliRun failed = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--config", fullConfig);

      assertEquals(ExitCode.STORAGE_FULL.code(), failed.code(), failed.err());
      assertEquals("[ERROR] no space left on the device of file:" + tables.resolve("scored_trips") + ": nothing of"
          + " that write was committed; free space there and re-run (the re-run replaces the same month or version)",
          failed.singleErrorLine());
      assertEquals(versionsBefore, versions(tables), "no table of the month moved");
      assertEquals(List.of(0L, 0L, 0L), MonthRows.counts(tables, "2021-03"), "trips, overall rows, quality rows");
      assertEquals(MonthRows.committed(clean.resolve("tables"), "2021-02"), MonthRows.committed(tables, "2021-02"),
          "2021-02 untouched");

      Files.delete(filler);
      CliRun rerun = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--config", fullConfig);
      CliRun reference = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--config",
          cleanConfig);

      assertEquals(0, rerun.code(), rerun.err());
      assertEquals(0, reference.code(), reference.err());
      assertEquals(MonthRows.committed(clean.resolve("tables"), "2021-03"), MonthRows.committed(tables, "2021-03"),
          "the re-run wrote what a clean run writes");
      List<Row> runs = TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
          .where("job = 'score'").orderBy("started_at").selectExpr("run_id", "status", "exit_code", "error")
          .collectAsList();
      assertEquals(2, runs.size(), runs.toString());
      Row dead = runs.get(0);
      if (dead.getString(1).equals("running")) {
        // the usual case: the failed write's partial file kept the disk full, so the run could not complete its row
        assertTrue(rerun.out().contains("note: run " + dead.getString(0) + " of the same job and key, started "),
            rerun.out());
      } else {
        assertEquals(List.of("failed", ExitCode.STORAGE_FULL.code()), List.of(dead.getString(1), dead.getInt(2)));
        assertTrue(dead.getString(3).startsWith("no space left on the device of "), dead.getString(3));
      }
      assertEquals(List.of("succeeded", 0), List.of(runs.get(1).getString(1), runs.get(1).getInt(2)));
    }
  }

  /**
   * The model store's disk full: {@code train} of two 30-trip months with {@code model-root} on a
   * 16 MiB {@code tmpfs} filled to 8 KiB free. Exit 9, one line, no version published (the
   * version is written under a staging folder and renamed only when complete), nothing in
   * {@code model_registry}; after freeing space the re-run publishes v1.
   */
  @Test
  void aFullModelStoreIsExitNineAndPublishesNoVersion() throws Exception {
    try (SmallDisk disk = mountOrSkip(work.resolve("model-disk"), 16)) {
      TlcFiles files = new TlcFiles(Files.createDirectories(work.resolve("data")));
      for (String month : List.of("2021-01", "2021-02")) {
        files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, 30));
      }
      Path models = disk.root().resolve("models");
      Path tables = work.resolve("tables");
      String config = TestConfig.write(work.resolve("models.conf"), work.resolve("data"), tables, models,
          "tripcast.model.feature-set = \"course\"").toString();
      Path filler = disk.root().resolve("filler");
      disk.fill(filler, 8 * 1024);
      String[] train = {"train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02", "--config", config};

      CliRun failed = CliRun.runWithSpark(train);

      assertEquals(ExitCode.STORAGE_FULL.code(), failed.code(), failed.out() + failed.err());
      String line = failed.singleErrorLine();
      assertTrue(line.startsWith("[ERROR] no space left on the device of file:" + models.resolve("trip-duration/_staging-")),
          line);
      assertEquals(List.of(), versionFolders(models), "no version published");
      assertFalse(DeltaTable.isDeltaTable(TestSpark.session(), tables.resolve("model_registry").toString())
          && TestSpark.session().read().format("delta").load(tables.resolve("model_registry").toString()).count() > 0,
          "nothing registered");

      Files.delete(filler);
      CliRun rerun = CliRun.runWithSpark(train);

      assertEquals(0, rerun.code(), rerun.out() + rerun.err());
      assertEquals(List.of("v1"), versionFolders(models));
    }
  }

  /** A {@code tmpfs} of that size at {@code dir}; the test is skipped, with the mount's answer, where none can be mounted. */
  private static SmallDisk mountOrSkip(Path dir, int megabytes) {
    String[] whyNot = new String[1];
    Optional<SmallDisk> mounted = SmallDisk.mount(dir, megabytes, whyNot);
    assumeTrue(mounted.isPresent(), () -> "skipped: " + whyNot[0]);
    return mounted.get();
  }

  private static List<String> versionFolders(Path models) throws java.io.IOException {
    Path root = models.resolve("trip-duration");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var folders = Files.list(root)) {
      return folders.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d+")).sorted().toList();
    }
  }

  private static List<Long> versions(Path tables) {
    return MONTH_TABLES.stream().map(t -> DeltaTable.forPath(TestSpark.session(), tables.resolve(t).toString())
        .history(1).head().getLong(0)).toList();
  }
}
