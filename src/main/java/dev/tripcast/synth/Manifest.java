package dev.tripcast.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code _SYNTHETIC.json} manifest of a synthetic folder:
 *
 * <pre>
 * {
 *   "synthetic": true,
 *   "description": "NOT TLC DATA: ...",
 *   "files": { "green_tripdata_2031-01.parquet": { "rows": 3000000, "seed": 42, "source_month": ..., ... } }
 * }
 * </pre>
 *
 * One entry per file; writing a file again replaces its entry and keeps the others.
 */
final class Manifest {
  static final String DESCRIPTION = "NOT TLC DATA: synthetic trip months written by 'tripcast synth' by "
      + "resampling real TLC trips (whole rows, with replacement) and moving them into another month. "
      + "For load tests and benchmarks only.";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Manifest() {}

  /**
   * Adds or replaces the entry of {@code file} in the manifest at {@code path}.
   *
   * @return the manifest path, fully qualified
   */
  static Path put(FileSystem fs, Path path, String file, Map<String, Object> entry) throws IOException {
    ObjectNode root;
    if (fs.exists(path)) {
      try (InputStream in = fs.open(path)) {
        root = (ObjectNode) JSON.readTree(in);
      }
    } else {
      root = JSON.createObjectNode();
    }
    root.put("synthetic", true);
    root.put("description", DESCRIPTION);
    ObjectNode files = root.has("files") ? (ObjectNode) root.get("files") : root.putObject("files");
    files.set(file, JSON.valueToTree(entry));
    try (OutputStream out = fs.create(path, true)) {
      JSON.writeValue(out, root);
    }
    return fs.makeQualified(path);
  }
}
