package dev.tripcast.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Reads a {@link PipelineModel} saved by {@code PipelineModel.write().save} (Spark 3.x layout)
 * on the driver alone, with the Hadoop file system and the Parquet reader: the same artifact, the
 * same MLlib classes with the same params and data, but no Spark job. {@code PipelineModel.load}
 * runs about 35 small jobs for tripcast's pipelines (a {@code textFile} job per stage's metadata,
 * a schema-inference job and a read job per stage's data), which cost ~9 s of a small month's
 * {@code score} (docs/performance.md).
 *
 * <p>Stage metadata is parsed and applied by MLlib's own {@code DefaultParamsReader} (params and
 * defaults, as {@code load} does); only reading the files differs. Supported stages: nested
 * {@code PipelineModel}, {@code StringIndexerModel} (the {@code labelsArray} data of Spark 3),
 * {@code OneHotEncoderModel}, {@code LinearRegressionModel} (Spark 3 data with {@code scale}),
 * {@code VectorAssembler}, {@code SQLTransformer}, {@code Interaction}. For any other stage or
 * layout it returns empty and the caller falls back to {@code PipelineModel.load}.
 * {@code SavedPipelineReaderIT} checks stage params, data and predictions against
 * {@code PipelineModel.load}.
 */
public final class SavedPipelineReader {
  private static final Logger LOG = LoggerFactory.getLogger(SavedPipelineReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedPipelineReader() {}

  /**
   * @param path the saved pipeline's folder (the one holding {@code metadata/} and {@code stages/})
   * @return the pipeline, or empty if it holds a stage or data layout this reader does not know
   *     (then use {@code PipelineModel.load}); never a partially read model
   */
  public static Optional<PipelineModel> read(String path, Configuration hadoopConf) {
    try {
      Path dir = new Path(path);
      Transformer model = readStage(dir.getFileSystem(hadoopConf), dir, hadoopConf);
      return model instanceof PipelineModel pm ? Optional.of(pm) : Optional.empty();
    } catch (UnsupportedStage e) {
      LOG.info("{}: {}; loading it with PipelineModel.load", path, e.getMessage());
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.info("{} could not be read without Spark ({}); loading it with PipelineModel.load", path, e.toString());
      return Optional.empty();
    }
  }

  private static Transformer readStage(FileSystem fs, Path dir, Configuration conf) throws IOException {
    String json = metadataJson(fs, dir);
    DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.parseMetadata(json, "");
    String uid = metadata.uid();
    Transformer stage = switch (metadata.className()) {
      case "org.apache.spark.ml.PipelineModel" -> new PipelineModel(uid, pipelineStages(fs, dir, conf, json));
      case "org.apache.spark.ml.feature.StringIndexerModel" -> new StringIndexerModel(uid, labelsArray(dataRow(fs, dir, conf)));
      case "org.apache.spark.ml.feature.OneHotEncoderModel" -> new OneHotEncoderModel(uid, ints(dataRow(fs, dir, conf), "categorySizes"));
      case "org.apache.spark.ml.regression.LinearRegressionModel" -> linearRegression(uid, dataRow(fs, dir, conf));
      case "org.apache.spark.ml.feature.VectorAssembler" -> new VectorAssembler(uid);
      case "org.apache.spark.ml.feature.SQLTransformer" -> new SQLTransformer(uid);
      case "org.apache.spark.ml.feature.Interaction" -> new Interaction(uid);
      default -> throw new UnsupportedStage("stage class " + metadata.className());
    };
    if (!(stage instanceof PipelineModel)) {
      metadata.getAndSetParams((Params) stage, Option.empty());
    }
    return stage;
  }

  /** The stages in the order of {@code stageUids}, each from {@code stages/<index>_<uid>}. */
  private static List<Transformer> pipelineStages(FileSystem fs, Path dir, Configuration conf, String json)
      throws IOException {
    JsonNode uids = JSON.readTree(json).path("paramMap").path("stageUids");
    if (!uids.isArray()) {
      throw new UnsupportedStage("pipeline metadata without stageUids");
    }
    FileStatus[] stageDirs = fs.listStatus(new Path(dir, "stages"));
    List<Transformer> stages = new ArrayList<>();
    for (int i = 0; i < uids.size(); i++) {
      String uid = uids.get(i).asText();
      Path stageDir = null;
      for (FileStatus st : stageDirs) {
        String name = st.getPath().getName();
        if (name.endsWith("_" + uid) && Integer.parseInt(name.substring(0, name.length() - uid.length() - 1)) == i) {
          stageDir = st.getPath();
        }
      }
      if (stageDir == null) {
        throw new UnsupportedStage("no folder for stage " + i + " (" + uid + ")");
      }
      stages.add(readStage(fs, stageDir, conf));
    }
    return stages;
  }

  /**
   * The one JSON line of {@code dir/metadata/}: Spark 3.5 writes it as {@code part-00000} (an RDD's
   * text file), Spark 4.1 as {@code part-00000-<uuid>-c000.txt} (a DataFrame's).
   */
  private static String metadataJson(FileSystem fs, Path dir) throws IOException {
    List<Path> parts = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new Path(dir, "metadata"))) {
      if (st.getPath().getName().startsWith("part-00000")) {
        parts.add(st.getPath());
      }
    }
    if (parts.size() != 1) {
      throw new UnsupportedStage(parts.size() + " metadata files in " + dir);
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(parts.get(0)), StandardCharsets.UTF_8))) {
      String line = in.readLine(); // DefaultParamsWriter writes one JSON line
      if (line == null) {
        throw new UnsupportedStage("empty metadata in " + dir);
      }
      return line;
    }
  }

  /** The one row of a stage's {@code data/} (one Parquet part file). */
  private static Group dataRow(FileSystem fs, Path dir, Configuration conf) throws IOException {
    List<Path> parts = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new Path(dir, "data"))) {
      if (st.getPath().getName().startsWith("part-") && st.getPath().getName().endsWith(".parquet")) {
        parts.add(st.getPath());
      }
    }
    if (parts.size() != 1) {
      throw new UnsupportedStage(parts.size() + " data files in " + dir);
    }
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), parts.get(0)).withConf(conf).build()) {
      Group row = reader.read();
      if (row == null || reader.read() != null) {
        throw new UnsupportedStage("data of " + dir + " is not one row");
      }
      return row;
    }
  }

  private static String[][] labelsArray(Group row) {
    if (row.getType().getFieldIndex("labelsArray") < 0) {
      throw new UnsupportedStage("StringIndexerModel data without labelsArray (saved by Spark 2)");
    }
    List<Group> outer = listElements(row.getGroup("labelsArray", 0));
    String[][] labels = new String[outer.size()][];
    for (int i = 0; i < outer.size(); i++) {
      Group inner = outer.get(i).getGroup("element", 0);
      int n = inner.getFieldRepetitionCount("list");
      labels[i] = new String[n];
      for (int j = 0; j < n; j++) {
        labels[i][j] = inner.getGroup("list", j).getString("element", 0);
      }
    }
    return labels;
  }

  private static LinearRegressionModel linearRegression(String uid, Group row) {
    if (row.getType().getFieldIndex("scale") < 0) {
      throw new UnsupportedStage("LinearRegressionModel data without scale (saved by Spark 2)");
    }
    return new LinearRegressionModel(uid, vector(row.getGroup("coefficients", 0)),
        row.getDouble("intercept", 0), row.getDouble("scale", 0));
  }

  /** MLlib's VectorUDT: {@code struct<type: tinyint (0 sparse, 1 dense), size: int, indices: array<int>, values: array<double>>}. */
  private static Vector vector(Group v) {
    int type = v.getInteger("type", 0);
    double[] values = doubles(v, "values");
    if (type == 1) {
      return Vectors.dense(values);
    }
    return Vectors.sparse(v.getInteger("size", 0), ints(v, "indices"), values);
  }

  private static int[] ints(Group parent, String field) {
    List<Group> elements = listElements(parent.getGroup(field, 0));
    int[] out = new int[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = elements.get(i).getInteger("element", 0);
    }
    return out;
  }

  private static double[] doubles(Group parent, String field) {
    List<Group> elements = listElements(parent.getGroup(field, 0));
    double[] out = new double[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = elements.get(i).getDouble("element", 0);
    }
    return out;
  }

  /** The elements of a Parquet 3-level LIST ({@code group (LIST) { repeated group list { element } }}). */
  private static List<Group> listElements(Group list) {
    int n = list.getFieldRepetitionCount("list");
    List<Group> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(list.getGroup("list", i));
    }
    return out;
  }

  /** A stage or layout this reader does not handle: the caller uses {@code PipelineModel.load}. */
  private static final class UnsupportedStage extends RuntimeException {
    UnsupportedStage(String message) {
      super(message);
    }
  }
}
