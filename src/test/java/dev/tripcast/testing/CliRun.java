package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.cli.Tripcast;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One run of the {@code tripcast} command line in the test JVM, with its output captured.
 *
 * @param code the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
public record CliRun(int code, String out, String err) {

  /** Runs the command line; for runs that stop before Spark starts (parsing, settings, dry runs). */
  public static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Tripcast.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Runs the command line after making sure the shared test session exists: the CLI reuses a
   * session it did not create and leaves it running.
   */
  public static CliRun runWithSpark(String... args) {
    TestSpark.session();
    return run(args);
  }

  /** The one stderr line, which must start with [ERROR]. */
  public String singleErrorLine() {
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), "stderr should be one line:\n" + err);
    assertTrue(lines.get(0).startsWith("[ERROR] "), lines.get(0));
    return lines.get(0);
  }
}
