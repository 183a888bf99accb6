package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * What determines a training's result, as one SHA-256 (hex): the model name and parameters, the
 * trip filters, the taxi type, the training and validation months, each input file's path, size
 * and modification time, and the tripcast version. Two trainings with the same fingerprint fit the
 * same model (MLlib's solvers are deterministic for a fixed input and partitioning), so
 * {@code retrain} reuses a registered version with the fingerprint instead of training a second
 * challenger. Computed from file metadata alone (no row is read), before anything is trained.
 */
final class TrainingFingerprint {
  private TrainingFingerprint() {}

  /**
   * @throws dev.tripcast.errors.InvalidInputException if a month's file is missing
   */
  static String of(Settings settings, Configuration hadoopConf, TaxiType taxiType, List<YearMonth> trainMonths,
      List<YearMonth> validMonths) {
    MonthLocator locator = new MonthLocator(settings.paths().dataRoot(), hadoopConf);
    List<String> lines = new ArrayList<>();
    lines.add("model " + settings.model());
    lines.add("filters " + settings.filters());
    lines.add("taxi " + taxiType.id());
    lines.add("train " + trainMonths);
    lines.add("valid " + validMonths);
    for (List<YearMonth> months : List.of(trainMonths, validMonths)) {
      for (MonthFile f : locator.locate(taxiType, months)) {
        lines.add("file " + f.path() + " " + f.sizeBytes() + " " + modified(f.path(), hadoopConf));
      }
    }
    lines.add("tripcast " + TripcastVersion.get());
    return sha256(String.join("\n", lines));
  }

  private static long modified(String path, Configuration hadoopConf) {
    try {
      Path p = new Path(path);
      FileStatus status = p.getFileSystem(hadoopConf).getFileStatus(p);
      return status.getModificationTime();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + path, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
