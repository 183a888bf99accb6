package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.SparkVersionCheck;
import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/tripcast-submit} as a user runs it, with the packaged jar: the command it builds
 * (read back from {@code --dry-run}), the job validation it runs first, its exit codes, and the
 * SPARK_HOME path (a stand-in spark-submit that records its arguments). Also the CLI's Spark
 * version check on the packaged jar, with a Spark that claims to be 3.4.
 */
class LauncherIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Path REPO = TestSettings.repoDir();
  private static final Path LOCAL_CONF = REPO.resolve("conf/local.conf");

  @TempDir Path tmp;

  @Test
  void dryRunValidatesTheJobAndPrintsTheSparkSubmitCommand() {
    Processes.Result r = launch(Map.of(), "--dry-run", "--master", "spark://127.0.0.1:7077", "--executor-memory", "1g",
        "--config", "conf/local.conf", "score", "--taxi", "green", "--month", "2021-02");

    assertEquals(0, r.exitCode(), r.describe());
    assertEquals("dry run: would score green 2021-02 with model champion (arguments, configuration and Spark "
        + SparkVersionCheck.running() + " checked; nothing started)", r.stderr().lines().findFirst().orElse(""));
    List<String> argv = argv(r);
    List<String> java = new ArrayList<>(List.of("java", "-Xmx2g"));
    java.addAll(Packaged.java17Opens());
    java.addAll(List.of("-Dlog4j2.configurationFile=" + REPO.resolve("conf/log4j2.properties"),
        "-cp", Packaged.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit"));
    assertEquals(java, argv.subList(0, java.size()));
    assertEquals(submitArgs("score", List.of("--files", LOCAL_CONF.toString(), "--master", "spark://127.0.0.1:7077",
            "--executor-memory", "1g"), List.of("score", "--taxi", "green", "--month", "2021-02", "--config", LOCAL_CONF.toString())),
        argv.subList(java.size(), argv.size()));
  }

  @Test
  void clusterModeShipsTheConfigWithTheUsersFilesAndPassesOnlyItsName() {
    Processes.Result r = launch(Map.of(), "--dry-run", "--master", "spark://127.0.0.1:7077", "--deploy-mode=cluster",
        "--files", "/etc/hostname", "backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-05",
        "--config", "conf/local.conf");

    assertEquals(0, r.exitCode(), r.describe());
    List<String> argv = argv(r);
    assertEquals(submitArgs("backfill", List.of("--files", "/etc/hostname," + LOCAL_CONF, "--master", "spark://127.0.0.1:7077",
            "--deploy-mode", "cluster"), List.of("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-05",
            "--config", "local.conf")),
        argv.subList(argv.indexOf("org.apache.spark.deploy.SparkSubmit") + 1, argv.size()));
  }

  @Test
  void withSparkHomeItRunsThatSparkSubmitAndReturnsItsExitCode() throws IOException {
    Path home = Packaged.sparkHome(tmp.resolve("spark"));
    Path recorded = tmp.resolve("spark-submit.args");
    Path sparkSubmit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
    Files.writeString(sparkSubmit, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > " + recorded + "\nexit 3\n");
    Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("SPARK_HOME", home.toString());
    String[] args = {"--master", "yarn", "--name", "nightly", "--config", "conf/local.conf", "score", "--taxi", "green",
        "--month", "2021-02", "--model-version", "v2"};

    Processes.Result dry = launch(env, concat("--dry-run", args));
    Processes.Result run = launch(env, args);

    assertEquals(0, dry.exitCode(), dry.describe());
    List<String> expected = new ArrayList<>(List.of(sparkSubmit.toString()));
    expected.addAll(submitArgs(null, List.of("--files", LOCAL_CONF.toString(), "--master", "yarn", "--name", "nightly"),
        List.of("score", "--taxi", "green", "--month", "2021-02", "--model-version", "v2", "--config", LOCAL_CONF.toString())));
    assertEquals(expected, argv(dry));
    assertEquals(3, run.exitCode(), "spark-submit's exit code is the launcher's; " + run.describe());
    assertEquals(expected.subList(1, expected.size()), Files.readAllLines(recorded));
  }

  @Test
  void badLauncherInputIsOneErrorLineAndExitCode2() {
    Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
    cases.put(List.of("--master", "yarn"),
        "no tripcast command given: expected train, score, backfill or report after the spark-submit options");
    cases.put(List.of("--deploy-mode", "mesos", "score"), "invalid value 'mesos' for --deploy-mode: expected client or cluster");
    cases.put(List.of("--config", "conf/missing.conf", "score"), "configuration file conf/missing.conf: no such file");
    cases.put(List.of("score", "--config"), "--config needs a file");
    cases.put(List.of("--master"), "spark-submit option --master needs a value");
    cases.forEach((args, message) -> {
      Processes.Result r = launch(Map.of(), args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), args + ": " + r.describe());
      assertEquals(List.of("[ERROR] " + message + " (see 'jobs/tripcast-submit --help')"), r.stderr().lines().toList(), args.toString());
      assertEquals("", r.stdout(), args.toString());
    });
  }

  @Test
  void dryRunRefusesBadJobArgumentsWithTheJobsOwnErrorAndPrintsNoCommand() {
    Processes.Result r = launch(Map.of(), "--dry-run", "--config", "conf/local.conf", "score", "--taxi", "green",
        "--month", "2021-13");

    assertEquals(2, r.exitCode(), r.describe());
    assertEquals(List.of("[ERROR] Invalid value for option '--month': invalid value '2021-13': expected a month YYYY-MM"
        + " (see 'tripcast score --help')"),
        r.stderr().lines().toList());
    assertEquals("", r.stdout());
  }

  @Test
  void thePackagedJarRefusesASparkOtherThan35() throws IOException {
    Path fakeSpark = Files.createDirectories(tmp.resolve("spark-3.4"));
    Files.writeString(fakeSpark.resolve("spark-version-info.properties"),
        "version=3.4.1\nuser=test\nrevision=0\nbranch=HEAD\ndate=2023-06-19T00:00:00Z\nurl=none\ndocroot=none\n");
    String classpath = fakeSpark + ":" + Packaged.jar() + ":" + Packaged.sparkClasspath();

    Processes.Result r = Processes.run(List.of(Packaged.java(), "-cp", classpath, "dev.tripcast.cli.Tripcast", "score",
        "--taxi", "green", "--month", "2021-02", "--config", LOCAL_CONF.toString(), "--dry-run"), Map.of(), REPO, TIMEOUT);

    assertEquals(2, r.exitCode(), r.describe());
    assertEquals(List.of("[ERROR] Spark 3.4.1 is running, but tripcast needs Spark 3.5.x (its Delta Lake 3.3.2 works"
        + " only with Spark 3.5): submit with a Spark 3.5 spark-submit (SPARK_HOME) or to a Spark 3.5 cluster"),
        r.stderr().lines().toList());
    assertEquals("", r.stdout());
  }

  /** The arguments the launcher gives spark-submit, from --class to the job's last. */
  private static List<String> submitArgs(String appName, List<String> sparkOptions, List<String> job) {
    String opens = String.join(" ", Packaged.java17Opens());
    List<String> out = new ArrayList<>(List.of("--class", "dev.tripcast.cli.Tripcast",
        "--conf", "spark.driver.extraJavaOptions=" + opens, "--conf", "spark.executor.extraJavaOptions=" + opens));
    if (appName != null) {
      out.addAll(List.of("--name", "tripcast " + appName));
    }
    out.addAll(sparkOptions);
    out.add(Packaged.jar().toString());
    out.addAll(job);
    return out;
  }

  /** The dry run's one stdout line, split back into arguments by bash itself. */
  private static List<String> argv(Processes.Result dryRun) {
    List<String> lines = dryRun.stdout().lines().toList();
    assertEquals(1, lines.size(), "the dry run prints one command line:\n" + dryRun.stdout());
    return Processes.bashWords(lines.get(0));
  }

  private static Processes.Result launch(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Packaged.job("tripcast-submit").toString()));
    cmd.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>();
    environment.put("SPARK_HOME", null);
    environment.put("JAVA", null);
    environment.putAll(env);
    return Processes.run(cmd, environment, REPO, TIMEOUT);
  }

  private static String[] concat(String first, String... rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
