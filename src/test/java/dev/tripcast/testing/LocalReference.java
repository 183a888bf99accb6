package dev.tripcast.testing;

import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelRef;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.jobs.ScoreJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local-mode reference run, shared by the ITs of one Failsafe JVM so that it is computed
 * once: in the shared test session, with {@code reference.conf}'s settings but the {@code course}
 * feature set pinned (its figures, e.g. 2021-02 RMSE 7.0113, are asserted; one fit, not the
 * extended default's penalty search), model v1 trained on real green 2021-01 (validated on
 * 2021-02), then 2021-02 scored with it. ITs compare other runs
 * (the standalone cluster, a backfill) against it and never write to it. A second state, the same
 * plus 2021-03 scored with v1 ({@link #march()}), is computed on first use, in a folder of its own,
 * for the ITs that start from three months scored.
 */
public final class LocalReference {
  public static final YearMonth TRAIN = YearMonth.of(2021, 1);
  public static final YearMonth VALID = YearMonth.of(2021, 2);
  /** The month {@link #march()} scores after {@link #VALID}. */
  public static final YearMonth MARCH = YearMonth.of(2021, 3);

  private static LocalReference instance;
  /** The reference with {@link #MARCH} scored too, and the folder holding it; null until first used. */
  private static ScoreJob.Result march;
  private static Path marchDir;

  private final Settings settings;
  private final TrainJob.Result train;
  private final ScoreJob.Result february;
  private final Duration trainTime;
  private final Duration scoreTime;

  private LocalReference(Path dir) {
    this.settings = TestSettings.withFeatureSet(TestSettings.defaults(TestSettings.realDataRoot(), dir), FeatureSet.COURSE);
    long t0 = System.nanoTime();
    this.train = TrainJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(TRAIN), List.of(VALID)));
    long t1 = System.nanoTime();
    this.february = ScoreJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, VALID, ModelRef.latest()));
    this.trainTime = Duration.ofNanos(t1 - t0);
    this.scoreTime = Duration.ofNanos(System.nanoTime() - t1);
  }

  /** The reference, computed on first use (a train and a score: about a minute). */
  public static synchronized LocalReference get() {
    if (instance == null) {
      instance = new LocalReference(temporaryFolder("tripcast-local-reference-"));
    }
    return instance;
  }

  /**
   * 2021-03 scored with v1 ({@code ModelRef.latest()}, in-process, with {@link TestSettings#defaults}'s
   * settings) on a copy of this reference, computed on first use (one more score) and kept in a
   * folder of its own; read it through {@link #copyWithMarchTo}, never write to it.
   *
   * @return the March scoring's result; its commits' paths are in the shared folder
   */
  public ScoreJob.Result march() {
    synchronized (LocalReference.class) {
      if (march == null) {
        Path dir = temporaryFolder("tripcast-local-reference-march-");
        copyTo(dir);
        march = ScoreJob.run(RunContext.open(TestSpark.session(), TestSettings.defaults(TestSettings.realDataRoot(), dir),
            RunInfo.start("score")), new ScoreJob.Request(TaxiType.GREEN, MARCH, ModelRef.latest()));
        marchDir = dir;
      }
      return march;
    }
  }

  /**
   * Copies the reference with 2021-03 scored ({@link #march()}, computed first if needed) to
   * {@code target}, in the layout of {@link #copyTo}: v1, then 2021-02 and 2021-03 scored with it.
   */
  public void copyWithMarchTo(Path target) {
    march();
    synchronized (LocalReference.class) {
      copyTree(marchDir, target);
    }
  }

  /** A new folder under the temp dir, deleted at JVM exit. */
  private static Path temporaryFolder(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings of the run: reference.conf with the course feature set, data from {@code data/tlc}, output under a temp folder. */
  public Settings settings() {
    return settings;
  }

  /** The model registry root holding v1 (read it, do not write to it). */
  public String modelRoot() {
    return settings.paths().modelRoot();
  }

  /** The training run (model card with its metrics). */
  public TrainJob.Result train() {
    return train;
  }

  /** 2021-02 scored with v1: the three Delta tables' commits. */
  public ScoreJob.Result february() {
    return february;
  }

  /** Wall-clock time of the training, in the warm shared session. */
  public Duration trainTime() {
    return trainTime;
  }

  /** Wall-clock time of the 2021-02 scoring, in the warm shared session. */
  public Duration scoreTime() {
    return scoreTime;
  }

  /**
   * Copies the model registry and the Delta tables to {@code target} ({@code target/models},
   * {@code target/tables}, the layout of {@link TestSettings#defaults}), for a test that goes on
   * writing from this state: {@code TestSettings.defaults(realDataRoot(), target)} then reads v1
   * and 2021-02 there.
   */
  public void copyTo(Path target) {
    copyTree(Path.of(settings.paths().warehouseRoot()).getParent(), target);
  }

  /** Copies the folder {@code from} with everything under it into {@code to} (created if missing). */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path copy = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(p, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code root} with everything under it, as far as it can (it ignores what it cannot delete). */
  static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: the folder is under the temp dir
    }
  }
}
