package dev.tripcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive (JDK's dynamic AppCDS) of the classes a job JVM loads: Spark,
 * Hadoop, Delta, MLlib and tripcast as {@code jobs/tripcast} runs them, for the fault tests' job
 * JVMs ({@link JobProcess}). Each of them otherwise spends most of its start-up loading and
 * verifying the same tens of thousands of classes from the jars; mapped from the archive, a job
 * JVM starts with about half the CPU ({@code tripcast sql "SELECT 1;"}: 3.3 s of user CPU against
 * 6.5 s).
 *
 * <p>The packaged one, {@code target/tripcast.jsa} ({@code make package}, {@code jobs/class-archive}),
 * when the JVM accepts it for the packaged jar and class path (a rebuilt jar makes it stale).
 * Otherwise made once per packaged jar, next to it ({@code target/job-classes-<size>-<mtime>.jsa}),
 * by a {@code train} on two synthetic months of 30 trips run to its normal exit with
 * {@code -XX:ArchiveClassesAtExit} (an archive is only written at a normal exit, so a killed job
 * cannot make one). The JVM checks that the class path is the one the archive was made with; if
 * it is not, or the archive cannot be made, jobs start without it: what the tests check does not
 * depend on where classes come from. JVM messages about the archive are turned off, so a job's
 * stdout is the same with or without it.
 */
final class JobClassArchive {
  /** Options that turn off the JVM's own lines about the archive (by default on stdout). */
  static final String QUIET = Packaged.CDS_QUIET;
  private static final int TRIPS = 30;
  private static final long TIMEOUT_MINUTES = 15;
  /** The launcher's switch: 0 keeps it from adding the packaged archive itself. */
  static final String LAUNCHER_SWITCH = "TRIPCAST_CDS";
  private static Optional<Path> archive;

  private JobClassArchive() {}

  /**
   * The JVM options that make a job JVM use the archive: {@code -XX:SharedArchiveFile=…} and
   * {@link #QUIET}; empty if the archive could not be made. Makes it on first use in this JVM
   * (one job run: seconds to a minute) unless the packaged jar already has one.
   */
  static synchronized String jvmOptions() {
    if (archive == null) {
      archive = packaged().or(JobClassArchive::findOrMake);
    }
    return archive.map(a -> "-XX:SharedArchiveFile=" + a + " " + QUIET).orElse("");
  }

  /** {@code target/tripcast.jsa} if it exists and the JVM accepts it for the packaged jar ({@link Packaged#acceptsClassArchive}). */
  private static Optional<Path> packaged() {
    Path file = Packaged.jar().resolveSibling("tripcast.jsa");
    return Files.exists(file) && Packaged.acceptsClassArchive(file) ? Optional.of(file) : Optional.empty();
  }

  private static Optional<Path> findOrMake() {
    Path jar = Packaged.jar();
    Path file;
    try {
      file = jar.resolveSibling("job-classes-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis()
          + ".jsa");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.exists(file)) {
      return Optional.of(file);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("tripcast-job-classes-");
      Path data = Files.createDirectories(work.resolve("data"));
      TlcFiles files = new TlcFiles(data);
      for (String month : List.of("2021-01", "2021-02")) {
        files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
      }
      Path config = TestConfig.write(work.resolve("it.conf"), data, work.resolve("tables"), work.resolve("models"),
          "tripcast.model.feature-set = \"course\"");
      // Written under a name of this JVM's, then moved: two test JVMs may make it at once.
      Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
      ProcessBuilder pb = new ProcessBuilder(Packaged.job("tripcast").toString(), "train", "--taxi", "green",
          "--train", "2021-01", "--valid", "2021-02", "--config", config.toString())
          .directory(work.toFile()).redirectInput(new File("/dev/null"))
          .redirectOutput(work.resolve("train.out").toFile()).redirectError(work.resolve("train.err").toFile());
      pb.environment().put(LAUNCHER_SWITCH, "0"); // a stale packaged archive must not be this JVM's base
      pb.environment().put("TRIPCAST_JAVA_OPTS", JobProcess.C1_ONLY + " -Xmx4g -XX:ArchiveClassesAtExit=" + partial);
      Process train = pb.start();
      boolean exited = train.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!exited) {
        Processes.killTree(train.toHandle());
      }
      if (exited && train.exitValue() == 0 && Files.exists(partial)) {
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Optional.of(file);
      }
      Files.deleteIfExists(partial);
      System.err.println("JobClassArchive: no archive (" + (exited ? "exit " + train.exitValue() : "timed out")
          + "); job JVMs start without it:\n" + JobProcess.tail(Files.readString(work.resolve("train.err"))));
      return Optional.empty();
    } catch (IOException e) {
      System.err.println("JobClassArchive: no archive (" + e + "); job JVMs start without it");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (work != null) {
        LocalReference.deleteRecursively(work); // best effort: the folder is under the temp dir
      }
    }
  }
}
