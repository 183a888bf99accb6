package dev.tripcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (a launcher script, a JVM) for a test: output captured to files (no
 * pipe can fill up), a time limit, and the whole process tree killed if the limit is reached.
 */
public final class Processes {
  private Processes() {}

  /**
   * A finished command.
   *
   * @param exitCode the process exit code
   * @param stdout everything it printed on stdout
   * @param stderr everything it printed on stderr
   * @param took wall-clock time from start to exit
   */
  public record Result(int exitCode, String stdout, String stderr, Duration took) {
    /** A one-line description for assertion messages: exit code and the tail of stderr. */
    public String describe() {
      String tail = stderr.length() > 4_000 ? "…" + stderr.substring(stderr.length() - 4_000) : stderr;
      return "exit " + exitCode + " after " + took.toSeconds() + " s; stderr:\n" + tail;
    }
  }

  /**
   * Runs {@code command} in {@code dir} with the current environment plus {@code env} (a null
   * value removes the variable).
   *
   * @throws AssertionError if it does not finish within {@code timeout} (it is killed first)
   */
  public static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout) {
    try {
      Path out = Files.createTempFile("tripcast-proc-", ".out");
      Path err = Files.createTempFile("tripcast-proc-", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        env.forEach((k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
        long start = System.nanoTime();
        Process p = pb.start();
        try {
          if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree(p.toHandle());
            throw new AssertionError("timed out after " + timeout + ": " + command + "\nstderr:\n" + Files.readString(err));
          }
        } finally {
          killTree(p.toHandle());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err), took);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  /** Splits a shell command line into its words the way bash does (quotes and escapes undone). */
  public static List<String> bashWords(String line) {
    Result split = run(List.of("bash", "-c", "eval \"set -- $CMD\"; printf '%s\\0' \"$@\""), Map.of("CMD", line),
        Path.of("."), Duration.ofSeconds(30));
    if (split.exitCode() != 0) {
      throw new AssertionError("bash cannot split " + line + ": " + split.describe());
    }
    return split.stdout().isEmpty() ? List.of() : List.of(split.stdout().split("\0"));
  }

  /** Kills a process and everything it started (children first), and waits briefly for them. */
  public static void killTree(ProcessHandle root) {
    List<ProcessHandle> tree = root.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
    for (ProcessHandle h : tree) {
      h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
    }
    root.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> root).join();
  }
}
