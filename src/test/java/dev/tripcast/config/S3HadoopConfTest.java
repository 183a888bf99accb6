package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.tables.LogStores;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;
import org.apache.hadoop.fs.s3a.S3AUtils;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The S3 settings become the fs.s3a.* Hadoop settings of the session, with the right precedence. */
class S3HadoopConfTest {
  private static final Settings DEFAULTS = SettingsLoader.load(Optional.empty());

  @Test
  void everyS3SettingMapsToItsHadoopKey() {
    Map<String, String> p = S3HadoopConf.properties(DEFAULTS.s3());

    assertEquals("", p.get("fs.s3a.endpoint"));
    assertEquals("us-east-1", p.get("fs.s3a.endpoint.region"));
    assertEquals("false", p.get("fs.s3a.path.style.access"));
    assertEquals("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
        + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
        + "com.amazonaws.auth.EnvironmentVariableCredentialsProvider", p.get("fs.s3a.aws.credentials.provider"));
    assertEquals(EXPECTED_TUNING, Map.copyOf(Maps.without(p,
        "fs.s3a.endpoint", "fs.s3a.endpoint.region", "fs.s3a.path.style.access", "fs.s3a.aws.credentials.provider")));
  }

  /** The shipped performance settings; docs/s3.md explains each. */
  static final Map<String, String> EXPECTED_TUNING = Map.ofEntries(
      Map.entry("fs.s3a.connection.maximum", "96"),
      Map.entry("fs.s3a.connection.establish.timeout", "5000"),
      Map.entry("fs.s3a.connection.timeout", "60000"),
      Map.entry("fs.s3a.attempts.maximum", "3"),
      Map.entry("fs.s3a.retry.limit", "3"),
      Map.entry("fs.s3a.retry.interval", "500ms"),
      Map.entry("fs.s3a.experimental.input.fadvise", "random"),
      Map.entry("fs.s3a.readahead.range", "65536"),
      Map.entry("fs.s3a.directory.marker.retention", "keep"),
      Map.entry("fs.s3a.fast.upload.buffer", "disk"));

  @Test
  void theShippedProvidersLoadInHadoopAwsAndNoneQueriesInstanceMetadata() throws IOException {
    Configuration conf = new Configuration(false);
    S3HadoopConf.properties(DEFAULTS.s3()).forEach(conf::set);

    try (AWSCredentialProviderList providers = S3AUtils.createAWSCredentialProviderSet(URI.create("s3a://bucket"), conf)) {
      assertEquals("TemporaryAWSCredentialsProvider SimpleAWSCredentialsProvider EnvironmentVariableCredentialsProvider",
          providers.listProviderNames().trim());
      assertFalse(providers.listProviderNames().contains("IAMInstance"));
    }
  }

  @Test
  void endpointAndPathStyleOfAnS3CompatibleServer() {
    Settings.S3 minio = withEndpoint(DEFAULTS.s3(), "http://127.0.0.1:9000", true);

    Map<String, String> p = S3HadoopConf.properties(minio);

    assertEquals("http://127.0.0.1:9000", p.get("fs.s3a.endpoint"));
    assertEquals("true", p.get("fs.s3a.path.style.access"));
  }

  @Test
  void sessionGetsS3SettingsAsSparkHadoopKeysAndExecutorsGetTheMetadataSwitch() {
    SparkConf conf = SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), false);

    assertEquals("us-east-1", conf.get("spark.hadoop.fs.s3a.endpoint.region"));
    assertEquals(EXPECTED_TUNING.get("fs.s3a.directory.marker.retention"), conf.get("spark.hadoop.fs.s3a.directory.marker.retention"));
    assertEquals("true", conf.get("spark.executorEnv.AWS_EC2_METADATA_DISABLED"));
    assertEquals(SparkSessions.DELTA_EXTENSION, conf.get("spark.sql.extensions"));
  }

  @Test
  void committerSettingsApplyOnlyWhenAPathIsOnS3() {
    Settings onS3 = TestPaths.with(DEFAULTS, "s3a://bucket/tlc");

    SparkConf s3 = SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), SparkSessions.onS3(onS3.paths()));
    SparkConf local = SparkSessions.sparkConf(DEFAULTS.spark(), DEFAULTS.s3(), SparkSessions.onS3(DEFAULTS.paths()));

    assertEquals(EXPECTED_COMMITTER.get("mapreduce.fileoutputcommitter.algorithm.version"),
        s3.get("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version"));
    assertEquals(EXPECTED_COMMITTER.get("mapreduce.fileoutputcommitter.cleanup.skipped"),
        s3.get("spark.hadoop.mapreduce.fileoutputcommitter.cleanup.skipped"));
    assertFalse(local.contains("spark.hadoop.mapreduce.fileoutputcommitter.cleanup.skipped"));
    assertEquals(EXPECTED_COMMITTER, S3HadoopConf.committerProperties(DEFAULTS.s3()));
  }

  @Test
  void s3PathsAreRecognisedByScheme() {
    assertTrue(LogStores.isOnS3("s3a://bucket/x"));
    assertTrue(LogStores.isOnS3("S3://bucket/x"));
    assertFalse(LogStores.isOnS3("file:/tmp/x"));
    assertFalse(LogStores.isOnS3("warehouse/tables"));
  }

  /** The shipped committer settings for S3 runs. */
  static final Map<String, String> EXPECTED_COMMITTER = Map.of(
      "mapreduce.fileoutputcommitter.algorithm.version", "2",
      "mapreduce.fileoutputcommitter.cleanup.skipped", "true");

  /** Settings with a data root elsewhere. */
  static final class TestPaths {
    static Settings with(Settings s, String dataRoot) {
      return s.withPaths(new Settings.Paths(dataRoot, s.paths().warehouseRoot(), s.paths().modelRoot()));
    }
  }

  @Test
  void sparkSubmitConfWinsOverS3SettingsAndTripcastSparkConfWinsOverBoth() {
    String submitted = "spark.hadoop.fs.s3a.connection.maximum";
    String both = "spark.hadoop.fs.s3a.readahead.range";
    Settings.SparkSettings spark = new Settings.SparkSettings("local[1]", "t", Map.of(both, "1024"));
    System.setProperty(submitted, "7");
    System.setProperty(both, "2048");
    try {
      SparkConf conf = SparkSessions.sparkConf(spark, DEFAULTS.s3(), true);

      assertEquals("7", conf.get(submitted));
      assertEquals("1024", conf.get(both));
    } finally {
      System.clearProperty(submitted);
      System.clearProperty(both);
    }
  }

  static Settings.S3 withEndpoint(Settings.S3 s, String endpoint, boolean pathStyle) {
    return new Settings.S3(Optional.of(endpoint), pathStyle, s.region(), s.credentialsProviders(), s.connection(), s.io(),
        s.singleDriverLogStore());
  }

  /** Small map helper. */
  static final class Maps {
    static Map<String, String> without(Map<String, String> m, String... keys) {
      Map<String, String> out = new java.util.HashMap<>(m);
      for (String k : keys) {
        assertTrue(out.containsKey(k), k);
        out.remove(k);
      }
      return out;
    }
  }
}
