package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The application as {@code mvn package} leaves it, for the ITs that run it in its own JVM (not
 * on the test classpath): the shaded jar, the Spark classpath a Spark install would provide, the
 * launcher scripts and the Java 17 flags. Failsafe runs after {@code package}, so they exist.
 */
public final class Packaged {
  /** JVM option that turns off the JVM's own lines about a class archive (by default on stdout), as jobs/tripcast does. */
  public static final String CDS_QUIET = "-Xlog:cds=off,cds+dynamic=off";

  private Packaged() {}

  /** {@code target/tripcast.jar}, the shaded application jar. */
  public static Path jar() {
    return existing(TestSettings.repoDir().resolve("target/tripcast.jar"));
  }

  /** The Maven-resolved Spark, Hadoop and Scala jars ({@code target/classpath.txt}), in order. */
  public static List<Path> sparkJars() {
    return Arrays.stream(sparkClasspath().split(java.io.File.pathSeparator)).map(Path::of).toList();
  }

  /** {@link #sparkJars()} as a class path string. */
  public static String sparkClasspath() {
    try {
      return Files.readString(existing(TestSettings.repoDir().resolve("target/classpath.txt"))).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class path {@code jobs/tripcast} runs with: {@link #jar()} then {@link #sparkClasspath()}. */
  public static String launcherClasspath() {
    return jar() + java.io.File.pathSeparator + sparkClasspath();
  }

  /**
   * Whether a JVM on {@link #launcherClasspath()} accepts {@code archive} (a JDK class-data-sharing
   * archive): it starts with it under {@code -Xshare:on}, which fails at start-up on an archive made
   * for another jar or class path, where the default {@code -Xshare:auto} silently goes without.
   * One {@code java -version}: under a second.
   */
  public static boolean acceptsClassArchive(Path archive) {
    Processes.Result r = Processes.run(List.of(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, CDS_QUIET,
        "-cp", launcherClasspath(), "-version"), java.util.Map.of(), jar().getParent(), java.time.Duration.ofMinutes(1));
    return r.exitCode() == 0;
  }

  /** A script under {@code jobs/}, e.g. "tripcast-submit" or "cron/tripcast-nightly". */
  public static Path job(String name) {
    return existing(TestSettings.repoDir().resolve("jobs").resolve(name));
  }

  /** The {@code java} of the JVM running the tests (JDK 17). */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The --add-opens and -D flags Spark needs on Java 17, as listed once in {@code jobs/java17-opens.sh}. */
  public static List<String> java17Opens() {
    try {
      List<String> flags = Files.readAllLines(job("java17-opens.sh")).stream().map(String::trim)
          .filter(l -> l.startsWith("--add-opens=") || l.startsWith("-D")).toList();
      assertTrue(flags.size() > 10, "jobs/java17-opens.sh lists too few flags: " + flags);
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lays out a minimal Spark "installation" in {@code home}: {@code jars/} holding links to
   * {@link #sparkJars()}. A standalone worker builds its executors' class path from
   * {@code $SPARK_HOME/jars}, so it needs one.
   */
  public static Path sparkHome(Path home) {
    try {
      Path jars = Files.createDirectories(home.resolve("jars"));
      for (Path jar : sparkJars()) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar);
        }
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(Path p) {
    assertTrue(Files.exists(p), p + " missing: the packaged-app ITs run after 'mvn package' (mvn verify does that)");
    return p;
  }
}
