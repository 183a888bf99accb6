package dev.tripcast.notebooks;

import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.config.SparkSessions;
import dev.tripcast.errors.ExitCode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Exports the exploration behind the model as Markdown notebooks with PNG figures, readable on
 * GitHub without running anything: {@code <out>/NN-*.md}, {@code <out>/README.md} (the index) and
 * {@code <out>/figures/*.png}; and each page also as a Jupyter notebook, {@code <out>/NN-*.ipynb}
 * (nbformat 4, the figures embedded as outputs: {@link JupyterNotebook}). Every number and figure comes from the shipped data
 * ({@code paths.data-root}, green months) through tripcast's own steps; the prose is in templates
 * under {@code src/main/resources/notebooks/}. The Markdown has no timestamps, so a re-run on the
 * same data gives the same bytes ({@code NotebookExportIT} fails on a stale export).
 *
 * <pre>
 * make notebooks
 * TRIPCAST_MAIN=dev.tripcast.notebooks.NotebookExport jobs/tripcast --config conf/local.conf --out notebooks-export
 * </pre>
 *
 * A repository tool, like {@code dev.tripcast.bench.Floor}, not a {@code tripcast} subcommand:
 * it writes into the source tree and only makes sense in a checkout.
 */
@Command(name = "notebooks", mixinStandardHelpOptions = true,
    description = "Regenerates the exported exploration notebooks (Markdown + PNG, and .ipynb) from the shipped data.")
public final class NotebookExport implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotebookExport.class);

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file overriding reference.conf.")
  File config;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "notebooks-export",
      description = "Folder to write the notebooks to; its figures/*.png are replaced (default: ${DEFAULT-VALUE}).")
  File out;

  /** Runs the export and exits with its code ({@link ExitCode}). */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new NotebookExport());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("[ERROR] " + e.getMessage());
      return ExitCode.of(e).code();
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() {
    Settings settings = SettingsLoader.load(Optional.ofNullable(config));
    SparkSession spark = SparkSessions.getOrCreate(settings);
    for (Path p : run(spark, settings, out.toPath())) {
      System.out.println("wrote " + p);
    }
    return ExitCode.OK.code();
  }

  /**
   * Writes every notebook, the index and their figures into {@code outDir}.
   *
   * @return the files written: each Markdown file and its Jupyter notebook ({@link JupyterNotebook}),
   *     the index, then the figures
   * @throws dev.tripcast.errors.InvalidInputException if a shipped month is missing or unreadable
   */
  public static List<Path> run(SparkSession spark, Settings settings, Path outDir) {
    Path figures = outDir.resolve("figures");
    try {
      Files.createDirectories(figures);
      try (Stream<Path> old = Files.list(figures)) {
        for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) {
          Files.delete(p);
        }
      }
      List<Page> pages = new ArrayList<>();
      long start = System.nanoTime();
      try (ExplorationData data = ExplorationData.load(spark, settings)) {
        LOG.info("loaded {} months in {} s", data.months().size(), seconds(start));
        for (java.util.function.BiFunction<ExplorationData, Path, Page> notebook : List.<java.util.function.BiFunction<
            ExplorationData, Path, Page>>of(DurationNotebook::write, DistanceNotebook::write, PuDoNotebook::write,
            ModelsNotebook::write, SchemaNotebook::write)) {
          long t = System.nanoTime();
          Page page = notebook.apply(data, figures);
          LOG.info("{} in {} s", page.file(), seconds(t));
          pages.add(page);
        }
      }
      List<Path> written = new ArrayList<>();
      for (Page page : pages) {
        written.add(Files.writeString(outDir.resolve(page.file()), page.markdown(), StandardCharsets.UTF_8));
        written.add(Files.writeString(outDir.resolve(JupyterNotebook.fileName(page)), JupyterNotebook.of(page, outDir),
            StandardCharsets.UTF_8));
      }
      written.add(Files.writeString(outDir.resolve("README.md"), index(pages), StandardCharsets.UTF_8));
      try (Stream<Path> pngs = Files.list(figures)) {
        written.addAll(pngs.sorted().toList());
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the notebooks to " + outDir, e);
    }
  }

  private static long seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }

  private static String index(List<Page> pages) {
    StringBuilder list = new StringBuilder();
    for (Page p : pages) {
      list.append("- [").append(p.title()).append("](").append(p.file()).append(")\n");
    }
    return new Template().put("index", list.toString().stripTrailing())
        .put("width", Integer.toString(Charts.WIDTH)).put("height", Integer.toString(Charts.HEIGHT))
        .render("README.md");
  }
}
