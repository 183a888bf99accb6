package dev.tripcast.testing;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.TrainJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kill tests' starting point under a work folder: green 2021-01..04 of {@code trips}
 * {@link SmallMonths#plausible plausible} trips each ({@code data/}), the course model v1 trained
 * on 2021-01 and validated on 2021-02 in the test JVM ({@code models/}, its registry and quality
 * rows in {@code tables/}), and a config file ({@code it.conf}) for the jobs the test launches.
 * The course feature set keeps each launched job mostly JVM and Spark start-up.
 *
 * @param data the months' root
 * @param tables the warehouse the launched jobs write
 * @param settings the same paths and model as {@code config}, for jobs run in the test JVM
 * @param config the path of {@code it.conf}
 */
public record SmallCourseWarehouse(Path data, Path tables, Settings settings, String config) {
  public static final List<String> MONTHS = List.of("2021-01", "2021-02", "2021-03", "2021-04");

  /** Writes the months and the config, and trains v1. */
  public static SmallCourseWarehouse create(Path work, int trips) {
    return create(work, trips, Map.of());
  }

  /**
   * {@link #create(Path, int)} with more green months after {@link #MONTHS} ({@code "YYYY-MM"} →
   * its trips, e.g. {@link SmallMonths#plausible(String, int, double)}) and more lines in
   * {@code it.conf} (HOCON, appended as they are).
   */
  public static SmallCourseWarehouse create(Path work, int trips, Map<String, List<TlcTrip>> moreMonths,
      String... configLines) {
    try {
      Path data = Files.createDirectories(work.resolve("data"));
      TlcFiles files = new TlcFiles(data);
      for (String month : MONTHS) {
        files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, trips));
      }
      for (Map.Entry<String, List<TlcTrip>> month : moreMonths.entrySet()) {
        files.parquet(TlcLayout.GREEN_S2, month.getKey(), month.getValue());
      }
      Settings settings = TestSettings.withFeatureSet(TestSettings.defaults(data, work), FeatureSet.COURSE);
      Path tables = work.resolve("tables");
      List<String> lines = new ArrayList<>(List.of("tripcast.model.feature-set = \"course\""));
      lines.addAll(List.of(configLines));
      String config = TestConfig.write(work.resolve("it.conf"), data, tables, work.resolve("models"),
          lines.toArray(String[]::new)).toString();
      TrainJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("train")),
          new TrainJob.Request(TaxiType.GREEN, List.of(YearMonth.of(2021, 1)),
          List.of(YearMonth.of(2021, 2))));
      return new SmallCourseWarehouse(data, tables, settings, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #settings} writing to another warehouse (a clean run's), same months and models. */
  public Settings withTables(Path otherTables) {
    return settings.withPaths(new Settings.Paths(data.toString(), otherTables.toString(), settings.paths().modelRoot()));
  }
}
