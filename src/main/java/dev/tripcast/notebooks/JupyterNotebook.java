package dev.tripcast.notebooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exported notebook's Markdown as a Jupyter notebook (nbformat 4.5, the format of
 * https://nbformat.readthedocs.io/en/latest/format_description.html): Markdown cells, a new one at
 * every {@code ## } heading, and each figure line ({@code ![alt](figures/x.png)}, alone on its
 * line) as a code cell whose one output is the figure ({@code display_data}: {@code image/png}
 * base64, the alt text as {@code text/plain}). The figure's path is in the cell's metadata
 * ({@code tripcast.figure}), so the Markdown is the cells' sources in order, each figure cell read
 * as its line again ({@link #markdown}).
 *
 * <p>No cell holds code a kernel could run: the numbers and figures are computed by
 * {@code make notebooks} on the JVM, and a figure cell's source is a comment saying so.
 */
final class JupyterNotebook {
  /** A figure line: {@code ![alt](path)} alone on its line. */
  static final Pattern FIGURE = Pattern.compile("!\\[([^]]*)]\\(([^)]+)\\)");
  /** The metadata key of a figure cell's path. */
  static final String FIGURE_KEY = "figure";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JupyterNotebook() {}

  /**
   * The notebook of one exported page.
   *
   * @param page the page (its Markdown and file name)
   * @param dir the folder the page's figure paths are relative to
   * @return the notebook's JSON text, ending with a newline
   * @throws UncheckedIOException if a figure cannot be read
   */
  static String of(Page page, Path dir) {
    ObjectNode notebook = JSON.createObjectNode();
    ArrayNode cells = notebook.putArray("cells");
    List<String> text = new ArrayList<>();
    for (String line : page.markdown().split("(?<=\n)")) {
      Matcher figure = FIGURE.matcher(line.stripTrailing());
      if (figure.matches()) {
        markdownCell(cells, text);
        figureCell(cells, line, figure.group(1), figure.group(2), dir);
      } else {
        if (line.startsWith("## ")) {
          markdownCell(cells, text);
        }
        text.add(line);
      }
    }
    markdownCell(cells, text);
    ObjectNode metadata = notebook.putObject("metadata");
    metadata.putObject("tripcast").put("markdown", page.file()).put("generated_by", "make notebooks");
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 5);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notebook) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the notebook of " + page.file(), e);
    }
  }

  /** The file name of a page's notebook: "01-duration.md" → "01-duration.ipynb". */
  static String fileName(Page page) {
    return page.file().replaceFirst("\\.md$", ".ipynb");
  }

  /**
   * The Markdown a notebook was made from: its cells' sources in order, a figure cell as the
   * figure's line.
   */
  static String markdown(JsonNode notebook) {
    StringBuilder out = new StringBuilder();
    for (JsonNode cell : notebook.get("cells")) {
      if ("code".equals(cell.get("cell_type").asText())) {
        out.append(cell.get("metadata").get("tripcast").get("line").asText());
      } else {
        cell.get("source").forEach(l -> out.append(l.asText()));
      }
    }
    return out.toString();
  }

  private static void markdownCell(ArrayNode cells, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    ObjectNode cell = cells.addObject();
    cell.put("cell_type", "markdown");
    cell.put("id", "cell-" + cells.size());
    cell.putObject("metadata");
    ArrayNode source = cell.putArray("source");
    lines.forEach(source::add);
    lines.clear();
  }

  private static void figureCell(ArrayNode cells, String line, String alt, String path, Path dir) {
    byte[] png;
    try {
      png = Files.readAllBytes(dir.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read figure " + dir.resolve(path), e);
    }
    ObjectNode cell = cells.addObject();
    cell.put("cell_type", "code");
    cell.put("id", "cell-" + cells.size());
    cell.putNull("execution_count");
    cell.putObject("metadata").putObject("tripcast").put(FIGURE_KEY, path).put("line", line);
    ObjectNode output = cell.putArray("outputs").addObject();
    output.put("output_type", "display_data");
    ObjectNode data = output.putObject("data");
    data.put("image/png", Base64.getEncoder().encodeToString(png));
    data.putArray("text/plain").add(alt);
    output.putObject("metadata");
    cell.putArray("source").add("# " + path + ": computed by `make notebooks` (tripcast's NotebookExport), not by a kernel");
  }
}
