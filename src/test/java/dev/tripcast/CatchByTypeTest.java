package dev.tripcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code decides what to do about a failure by its type: no {@code catch (Exception e)} or
 * {@code catch (Throwable e)} (alone or in a multi-catch) outside the run boundary, where a
 * command records any failure of its run and re-throws it. Scala's undeclared checked exceptions
 * are caught by type through {@code dev.tripcast.errors.Undeclared}. ArchUnit does not see catch
 * clauses, so this reads the sources.
 */
class CatchByTypeTest {
  private static final Path MAIN = Path.of("src/main/java");
  /** The run boundary: record the run's failure in the runs table, then re-throw or warn. */
  private static final Set<String> RUN_BOUNDARY = Set.of(
      "dev/tripcast/jobs/RecordedRun.java",
      "dev/tripcast/jobs/RunLog.java");
  private static final Pattern CATCH_ALL =
      Pattern.compile("catch\\s*\\((?:final\\s+)?(?:[\\w.]+\\s*\\|\\s*)*(?:java\\.lang\\.)?(Exception|Throwable)\\s+\\w+\\)");

  @Test
  void noMainClassOutsideTheRunBoundaryCatchesExceptionOrThrowable() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = MAIN.relativize(file).toString().replace('\\', '/');
        if (RUN_BOUNDARY.contains(relative)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = CATCH_ALL.matcher(lines.get(i));
          if (m.find()) {
            found.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), found, "catch the types the code reacts to (see dev.tripcast.errors.Undeclared)");
  }

  @Test
  void thePatternSeesPlainAndMultiCatches() {
    assertEquals(true, CATCH_ALL.matcher("} catch (Exception e) {").find());
    assertEquals(true, CATCH_ALL.matcher("} catch (IOException | Exception e) {").find());
    assertEquals(true, CATCH_ALL.matcher("} catch (final Throwable t) {").find());
    assertEquals(false, CATCH_ALL.matcher("} catch (RuntimeException e) {").find());
    assertEquals(false, CATCH_ALL.matcher("} catch (SparkException | AnalysisException e) {").find());
  }
}
