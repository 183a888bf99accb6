package dev.tripcast.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the exported notebooks from {@code data/tlc} into a temporary folder and checks that
 * the committed {@code notebooks-export/*.md} are byte-identical (a stale export fails: run
 * {@code make notebooks} and commit), and that every figure a notebook links to exists, committed
 * and regenerated, as a non-blank PNG of the figures' fixed size; and that each page's Jupyter
 * notebook, committed and regenerated, is nbformat 4, gives back the page's Markdown and embeds its
 * figures' PNG bytes.
 */
class NotebookExportIT {
  private static final Pattern IMAGE_LINK = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

  @TempDir
  Path work;

  @Test
  void committedExportEqualsARegeneratedOne() throws IOException {
    Path out = work.resolve("export");
    NotebookExport.run(TestSpark.session(), TestSettings.defaults(TestSettings.realDataRoot(), work), out);
    Path committed = TestSettings.repoDir().resolve("notebooks-export");

    List<String> regenerated = markdown(out);
    assertEquals(regenerated, markdown(committed), "notebooks-export/*.md differ from a regenerated export: run make notebooks");
    for (String name : regenerated) {
      assertEquals(Files.readString(out.resolve(name)), Files.readString(committed.resolve(name)),
          "notebooks-export/" + name + " is stale: run make notebooks and commit");
      Set<String> figures = figures(Files.readString(out.resolve(name)));
      if (!name.equals("README.md")) {
        assertTrue(!figures.isEmpty() && figures.size() <= 3, name + " should have 1-3 figures, has " + figures);
      }
      for (String link : figures) {
        assertFigure(out.resolve(link));
        assertFigure(committed.resolve(link));
      }
      if (!name.equals("README.md")) {
        String ipynb = name.replaceFirst("\\.md$", ".ipynb");
        JsonNode fresh = assertNotebookOf(out, name, ipynb);
        JsonNode kept = assertNotebookOf(committed, name, ipynb);
        assertEquals(withoutImages(fresh), withoutImages(kept), "notebooks-export/" + ipynb + " is stale: run make notebooks");
      }
    }
  }

  /**
   * {@code dir/ipynb} is an nbformat 4 notebook of {@code dir/markdown}: its cells give back the
   * Markdown, and each figure cell's output is the PNG it names, byte for byte.
   */
  private static JsonNode assertNotebookOf(Path dir, String markdown, String ipynb) throws IOException {
    JsonNode notebook = new ObjectMapper().readTree(dir.resolve(ipynb).toFile());
    assertEquals(4, notebook.get("nbformat").asInt(), ipynb);
    assertTrue(notebook.get("nbformat_minor").asInt() >= 4, ipynb);
    assertEquals(Files.readString(dir.resolve(markdown)), JupyterNotebook.markdown(notebook), ipynb + " against " + markdown);
    int figures = 0;
    for (JsonNode cell : notebook.get("cells")) {
      assertTrue(List.of("markdown", "code").contains(cell.get("cell_type").asText()), cell.toString());
      assertTrue(cell.get("source").isArray() && cell.has("metadata") && cell.has("id"), ipynb);
      if (cell.get("cell_type").asText().equals("code")) {
        figures++;
        JsonNode output = cell.get("outputs").get(0);
        assertEquals("display_data", output.get("output_type").asText());
        String png = cell.get("metadata").get("tripcast").get(JupyterNotebook.FIGURE_KEY).asText();
        assertArrayEquals(Files.readAllBytes(dir.resolve(png)),
            Base64.getDecoder().decode(output.get("data").get("image/png").asText()), ipynb + ": " + png);
      }
    }
    assertEquals(figures(Files.readString(dir.resolve(markdown))).size(), figures, ipynb + " figures");
    return notebook;
  }

  /** The notebook with its PNG data left out (the figures' bytes are checked against their files). */
  private static String withoutImages(JsonNode notebook) {
    JsonNode copy = notebook.deepCopy();
    for (JsonNode cell : copy.get("cells")) {
      if (cell.has("outputs")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) cell.get("outputs").get(0).get("data")).remove("image/png");
      }
    }
    return copy.toString();
  }

  private static void assertFigure(Path png) throws IOException {
    assertTrue(Files.isRegularFile(png), "missing figure " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Charts.WIDTH, image.getWidth(), png + " width");
    assertEquals(Charts.HEIGHT, image.getHeight(), png + " height");
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 8, png + " looks blank: " + colours.size() + " colours");
    assertTrue(Files.size(png) < 120_000, png + " is " + Files.size(png) + " bytes");
  }

  private static List<String> markdown(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
    }
  }

  private static Set<String> figures(String markdown) {
    Set<String> out = new java.util.LinkedHashSet<>();
    Matcher m = IMAGE_LINK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
