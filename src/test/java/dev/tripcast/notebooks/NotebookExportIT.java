package dev.tripcast.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * and regenerated, as a non-blank PNG of the figures' fixed size.
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
    }
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
