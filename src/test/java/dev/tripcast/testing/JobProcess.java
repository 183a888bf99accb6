package dev.tripcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code jobs/tripcast} command in its own JVM, as a scheduler runs it, for the fault and
 * concurrency tests: stdout and stderr go to files under a work folder (the log is on stderr),
 * and the test either waits for the exit or kills the whole process tree with SIGKILL the moment a
 * line appears in the log ({@link #killWhenLogged}), i.e. at a chosen step of the job.
 */
public final class JobProcess {
  /**
   * JVM option put first in every job's {@code TRIPCAST_JAVA_OPTS}: the C1 compiler only. These
   * jobs run for seconds on small months, where C2 compiles code the job never runs long enough to profit from; a real-month
   * {@code score} uses 44 s of user CPU with it against 70 s without (docs/faults.md). What the fault
   * tests check (the tables after a kill, the exit codes) does not depend on the JIT.
   */
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  private static final String JAVA_OPTS = "TRIPCAST_JAVA_OPTS";
  /** What {@code jobs/tripcast} uses when {@code TRIPCAST_JAVA_OPTS} is unset or empty. */
  private static final String LAUNCHER_DEFAULT_OPTS = "-Xmx4g";
  private static final Pattern RUN_STARTING = Pattern.compile("run (\\S+) starting");
  private final Process process;
  private final Path out;
  private final Path err;

  private JobProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code jobs/tripcast} with {@code args} in {@code work}, with the current environment
   * plus {@code env}, and {@link #C1_ONLY} and the {@link JobClassArchive} in its JVM options.
   *
   * @param name file-name stem of the output files ({@code work/name.out}, {@code work/name.err})
   */
  public static JobProcess start(Path work, String name, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Packaged.job("tripcast").toString()));
    command.addAll(List.of(args));
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
    pb.environment().putAll(env);
    // The test's options, else the ones this JVM inherited, else the launcher's default; C1_ONLY and
    // the class archive first, so a test's own option would still win.
    String opts = pb.environment().getOrDefault(JAVA_OPTS, "");
    pb.environment().put(JobClassArchive.LAUNCHER_SWITCH, "0"); // the archive is chosen here, not by the launcher
    pb.environment().put(JAVA_OPTS, C1_ONLY + " " + JobClassArchive.jvmOptions() + " "
        + (opts.isBlank() ? LAUNCHER_DEFAULT_OPTS : opts));
    try {
      return new JobProcess(pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #start} with no extra environment. */
  public static JobProcess start(Path work, String name, String... args) {
    return start(work, name, Map.of(), args);
  }

  /**
   * Waits for the exit.
   *
   * @return the exit code and output
   * @throws AssertionError if it runs longer than {@code timeout} (it is killed first)
   */
  public Processes.Result await(Duration timeout) {
    long start = System.nanoTime();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        Processes.killTree(process.toHandle());
        throw new AssertionError("timed out after " + timeout + "; stderr:\n" + tail(read(err)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      Processes.killTree(process.toHandle());
    }
    return new Processes.Result(process.exitValue(), read(out), read(err), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Kills the process tree (SIGKILL) as soon as its log shows {@code line}, or when it exits or
   * {@code timeout} passes without it.
   *
   * @return the log (stderr) up to the kill, to check that the step was reached
   */
  public String killWhenLogged(String line, Duration timeout) {
    return killWhenLogged(line, 1, timeout);
  }

  /**
   * Kills the process tree (SIGKILL) as soon as its log shows {@code line} for the
   * {@code occurrence}-th time (e.g. the second month's commit of a backfill), or when it exits or
   * {@code timeout} passes without it.
   *
   * @return the log (stderr) up to the kill
   */
  public String killWhenLogged(String line, int occurrence, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline && process.isAlive() && occurrences(read(err), line) < occurrence) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      Processes.killTree(process.toHandle());
    }
    return read(err);
  }

  /**
   * What {@link #killAfter} saw.
   *
   * @param killed whether the process was still running at the instant (else it had exited)
   * @param exitCode the exit code when it exited first; -1 when killed
   * @param log the log (stderr) up to the kill or the exit
   * @param stdout what it printed on stdout
   */
  public record Ended(boolean killed, int exitCode, String log, String stdout) {
    /** The last non-blank log line, or {@code "(nothing logged)"}. */
    public String lastLogLine() {
      String[] lines = log.strip().split("\n");
      String last = lines[lines.length - 1].strip();
      return last.isEmpty() ? "(nothing logged)" : last;
    }

    /** Every run id the log started ({@code run <id> starting}): a nightly's own and each of its steps'. */
    public List<String> runIds() {
      return runIdsOf(log);
    }

    /** {@link #runIds()} of any job log, e.g. {@link Processes.Result#stderr()} of a run awaited to its end. */
    public static List<String> runIdsOf(String log) {
      List<String> ids = new ArrayList<>();
      Matcher id = RUN_STARTING.matcher(log);
      while (id.find()) {
        ids.add(id.group(1));
      }
      return ids;
    }
  }

  /**
   * Kills the process tree (SIGKILL) {@code instant} after it was started, unless it exits first.
   *
   * @param started {@link System#nanoTime()} just before {@link #start}
   */
  public Ended killAfter(long started, Duration instant) {
    long at = started + instant.toNanos();
    try {
      while (process.isAlive() && System.nanoTime() < at) {
        process.waitFor(Math.max(1, Math.min(20, (at - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    boolean killed = process.isAlive();
    Processes.killTree(process.toHandle());
    return new Ended(killed, killed ? -1 : process.exitValue(), read(err), read(out));
  }

  /**
   * The run id a job's log starts with ({@code SparkRun: run <id> starting}).
   *
   * @throws AssertionError if the log has none (the job died before its run started)
   */
  public static String runId(String log) {
    Matcher id = RUN_STARTING.matcher(log);
    if (!id.find()) {
      throw new AssertionError("no run started:\n" + tail(log));
    }
    return id.group(1);
  }

  /** How many times {@code line} occurs in {@code log}. */
  public static int occurrences(String log, String line) {
    int n = 0;
    for (int at = log.indexOf(line); at >= 0; at = log.indexOf(line, at + line.length())) {
      n++;
    }
    return n;
  }

  /** The last 3,000 characters of a log, for assertion messages. */
  public static String tail(String log) {
    return log.length() > 3000 ? "…" + log.substring(log.length() - 3000) : log;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
