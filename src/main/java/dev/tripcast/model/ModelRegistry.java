package dev.tripcast.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tripcast.errors.StorageFaultException;
import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.Undeclared;
import dev.tripcast.features.FeatureSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.ml.PipelineModel;

/**
 * A file-system model registry: {@code <modelRoot>/<name>/<version>/} holds the saved
 * {@link PipelineModel} under {@code pipeline/} and its {@link ModelCard} as {@code model.json}.
 * Versions are "v1", "v2", … and are never overwritten. Works on any Hadoop file system (local,
 * {@code s3a://}).
 *
 * <p>Only folders with a {@code model.json} count as versions, and {@code model.json} is written
 * last, so a failed training never yields a half-written version. Where a directory rename is
 * atomic and cheap (local file system, HDFS) a version is written under a staging folder and
 * renamed into place. On object stores ({@code s3a://}) a rename copies every object and is not
 * atomic, so the version is written in place instead (docs/s3.md has the measured cost of the
 * rename); a crashed write leaves an incomplete {@code vN}
 * folder that is ignored and never reused.
 */
public final class ModelRegistry {
  /** The file beside each saved pipeline. */
  public static final String CARD_FILE = "model.json";
  /** The sub-folder holding the saved {@link PipelineModel}. */
  public static final String PIPELINE_DIR = "pipeline";

  /** Schemes whose directory rename is an atomic metadata operation: versions are staged, then renamed. */
  static final Set<String> ATOMIC_RENAME_SCHEMES = Set.of("file", "hdfs", "viewfs");

  private static final Pattern VERSION = Pattern.compile("v(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path modelDir;
  private final FileSystem fs;

  /**
   * @param modelRoot registry root (local path or Hadoop URI)
   * @param name model name, a sub-folder of the root
   * @param hadoopConf Hadoop configuration of the Spark session
   */
  public ModelRegistry(String modelRoot, String name, Configuration hadoopConf) {
    try {
      Path dir = new Path(modelRoot, name);
      this.fs = dir.getFileSystem(hadoopConf);
      this.modelDir = fs.makeQualified(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open model root " + modelRoot, e);
    }
  }

  /**
   * A saved model version.
   *
   * @param version its id, "v3"
   * @param path its folder, fully qualified
   * @param model the loaded pipeline and its feature set
   * @param card its {@code model.json}
   */
  public record SavedModel(String version, String path, DurationModel model, ModelCard card) {}

  /** The complete versions (those with a {@code model.json}), oldest first. */
  public List<String> versions() {
    try {
      if (!fs.exists(modelDir)) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (FileStatus st : fs.listStatus(modelDir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && VERSION.matcher(name).matches() && fs.exists(new Path(st.getPath(), CARD_FILE))) {
          out.add(name);
        }
      }
      out.sort(Comparator.comparingLong(ModelRegistry::number));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }

  /**
   * Saves a fitted model as the next version.
   *
   * @param card the model card; its version is filled in here
   * @return the saved version
   * @throws IllegalStateException if the version folder appeared meanwhile (a concurrent train)
   * @throws StorageFaultException exit {@code STORAGE_FULL} or {@code STORE_UNREACHABLE} naming the
   *     version's folder when its disk is full or its store does not answer; nothing is published
   */
  public SavedModel save(DurationModel model, ModelCard card) {
    String version = "v" + (highestVersionFolder() + 1);
    ModelCard versioned = card.withVersion(version);
    Path target = new Path(modelDir, version);
    boolean staged = ATOMIC_RENAME_SCHEMES.contains(modelDir.toUri().getScheme());
    Path writeTo = staged ? new Path(modelDir, "_staging-" + card.runId()) : target;
    try {
      if (fs.exists(target)) {
        throw versionExists(target);
      }
      Undeclared.sparkJob(() -> {
        model.pipeline().write().save(new Path(writeTo, PIPELINE_DIR).toString());
        return null;
      });
      try (OutputStream out = fs.create(new Path(writeTo, CARD_FILE), false)) {
        JSON.writeValue(out, versioned);
      }
      if (staged && (fs.exists(target) || !fs.rename(writeTo, target))) {
        throw versionExists(target);
      }
      return new SavedModel(version, target.toString(), model, versioned);
    } catch (IOException | SparkException | RuntimeException e) { // SparkException: MLlib's writer's job failed
      Optional<StorageFaultException> fault = StorageFaults.findWriting(writeTo.toString(), e);
      if (fault.isPresent()) {
        throw fault.get();
      }
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new UncheckedIOException("cannot save model to " + target,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** A version folder that appeared while this one was being saved: versions are never overwritten. */
  private static IllegalStateException versionExists(Path versionDir) {
    return new IllegalStateException("model version directory already exists, refusing to overwrite: " + versionDir);
  }

  /** The highest N of any {@code vN} folder, complete or not (0 if none), so a new version never reuses one. */
  private long highestVersionFolder() {
    try {
      if (!fs.exists(modelDir)) {
        return 0;
      }
      long highest = 0;
      for (FileStatus st : fs.listStatus(modelDir)) {
        if (st.isDirectory() && VERSION.matcher(st.getPath().getName()).matches()) {
          highest = Math.max(highest, number(st.getPath().getName()));
        }
      }
      return highest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }

  /**
   * Loads a version.
   *
   * @param ref a version, or {@link ModelRef.Latest}; aliases are resolved to a version first
   *     ({@link ModelAliases#resolve})
   * @throws dev.tripcast.errors.ModelNotFoundException if no such version (or no version) exists
   * @throws dev.tripcast.errors.InvalidInputException if the model card names a feature set this
   *     tripcast does not know (a model saved by a newer release)
   */
  public SavedModel load(ModelRef ref) {
    List<String> existing = versions();
    String wanted;
    if (ref instanceof ModelRef.Version v) {
      if (!existing.contains(v.id())) {
        throw new ModelVersionNotFoundException(modelDir.toString(), v.id(), existing);
      }
      wanted = v.id();
    } else if (ref instanceof ModelRef.Alias a) {
      throw new IllegalArgumentException("alias @" + a.name() + " must be resolved with ModelAliases before loading");
    } else {
      if (existing.isEmpty()) {
        throw new NoTrainedModelException(modelDir.toString());
      }
      wanted = existing.get(existing.size() - 1);
    }
    Path dir = new Path(modelDir, wanted);
    try (InputStream in = fs.open(new Path(dir, CARD_FILE))) {
      ModelCard card = JSON.readValue(in, ModelCard.class);
      FeatureSet featureSet = FeatureSet.fromId(card.featureSet())
          .orElseThrow(() -> new UnknownFeatureSetException(dir.toString(), card.featureSet(), FeatureSet.ids()));
      String pipelineDir = new Path(dir, PIPELINE_DIR).toString();
      // The same artifact read on the driver, without PipelineModel.load's ~35 Spark jobs; any
      // stage it does not know falls back to PipelineModel.load.
      PipelineModel model = SavedPipelineReader.read(pipelineDir, fs.getConf())
          .orElseGet(() -> PipelineModel.load(pipelineDir));
      return new SavedModel(wanted, dir.toString(), new DurationModel(model, featureSet), card);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + dir, e);
    }
  }

  /**
   * A version's folder and model card, without loading its pipeline (monitoring needs only these).
   *
   * @throws ModelVersionNotFoundException if the version does not exist
   */
  public SavedCard card(String version) {
    List<String> existing = versions();
    if (!existing.contains(version)) {
      throw new ModelVersionNotFoundException(modelDir.toString(), version, existing);
    }
    Path dir = new Path(modelDir, version);
    try (InputStream in = fs.open(new Path(dir, CARD_FILE))) {
      return new SavedCard(version, dir.toString(), JSON.readValue(in, ModelCard.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model card " + dir, e);
    }
  }

  /**
   * A version's card and folder.
   *
   * @param version e.g. "v3"
   * @param path its folder, fully qualified
   * @param card its {@code model.json}
   */
  public record SavedCard(String version, String path, ModelCard card) {}

  /** The registry folder of this model name, fully qualified. */
  public String modelDir() {
    return modelDir.toString();
  }

  private static long number(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a version: " + version);
    }
    return Long.parseLong(m.group(1));
  }
}
