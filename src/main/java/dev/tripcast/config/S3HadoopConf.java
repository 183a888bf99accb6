package dev.tripcast.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.tripcast.tables.LogStores;

/**
 * Turns {@link Settings.S3} into the Hadoop {@code fs.s3a.*} settings of hadoop-aws 3.3.4.
 * {@link SparkSessions} applies them as {@code spark.hadoop.fs.s3a.*}, so every s3a file system
 * the session opens (reads, Delta tables, the model registry) uses them.
 */
public final class S3HadoopConf {
  /**
   * Credential providers that call the EC2 instance-metadata service (169.254.169.254) or the
   * ECS credentials endpoint, by simple class name. tripcast never lists them: off the cloud such a
   * call hangs until its timeout, and on it the job would silently run with the machine's role.
   */
  static final Set<String> METADATA_PROVIDERS = Set.of(
      "IAMInstanceCredentialsProvider", "SharedInstanceCredentialProvider", "InstanceProfileCredentialsProvider",
      "EC2ContainerCredentialsProviderWrapper", "ContainerCredentialsProvider", "DefaultAWSCredentialsProviderChain");

  /**
   * AWS SDK v1 switch that disables every instance-metadata lookup in the JVM, as a second guard
   * behind the provider list ({@code SDKGlobalConfiguration.AWS_EC2_METADATA_DISABLED_SYSTEM_PROPERTY}).
   */
  public static final String SDK_METADATA_DISABLED_PROPERTY = "com.amazonaws.sdk.disableEc2Metadata";
  /** The same switch for executor JVMs, as an environment variable. */
  public static final String SDK_METADATA_DISABLED_ENV = "AWS_EC2_METADATA_DISABLED";

  private S3HadoopConf() {}

  /**
   * The {@code fs.s3a.*} settings (without the {@code spark.hadoop.} prefix) for {@code s3}.
   *
   * @return an ordered map of Hadoop keys to values; durations in the unit each key expects
   */
  public static Map<String, String> properties(Settings.S3 s3) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("fs.s3a.endpoint", s3.endpoint().orElse(""));
    p.put("fs.s3a.endpoint.region", s3.region());
    p.put("fs.s3a.path.style.access", Boolean.toString(s3.pathStyleAccess()));
    p.put("fs.s3a.aws.credentials.provider", String.join(",", s3.credentialsProviders()));

    Settings.S3Connection c = s3.connection();
    p.put("fs.s3a.connection.maximum", Integer.toString(c.maximum()));
    p.put("fs.s3a.connection.establish.timeout", Long.toString(c.establishTimeout().toMillis()));
    p.put("fs.s3a.connection.timeout", Long.toString(c.socketTimeout().toMillis()));
    p.put("fs.s3a.attempts.maximum", Integer.toString(c.sdkMaxErrorRetries()));
    p.put("fs.s3a.retry.limit", Integer.toString(c.retryLimit()));
    p.put("fs.s3a.retry.interval", c.retryInterval().toMillis() + "ms");

    Settings.S3Io io = s3.io();
    p.put("fs.s3a.experimental.input.fadvise", io.inputPolicy());
    p.put("fs.s3a.readahead.range", Long.toString(io.readaheadBytes()));
    p.put("fs.s3a.directory.marker.retention", io.directoryMarkers());
    p.put("fs.s3a.fast.upload.buffer", io.uploadBuffer());
    return p;
  }

  /**
   * The Hadoop job settings for runs that write to S3 (applied only then, see
   * {@link SparkSessions#sparkConf}): the {@code FileOutputCommitter} that Spark ML's model save uses.
   *
   * @return an ordered map of Hadoop keys to values
   */
  public static Map<String, String> committerProperties(Settings.S3 s3) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("mapreduce.fileoutputcommitter.algorithm.version", Integer.toString(s3.io().committerAlgorithmVersion()));
    p.put("mapreduce.fileoutputcommitter.cleanup.skipped", Boolean.toString(s3.io().skipCommitterCleanup()));
    return p;
  }

  /**
   * The first provider of {@code providers} that queries the instance-metadata service.
   *
   * @return its class name, or null if none does
   */
  static String firstMetadataProvider(List<String> providers) {
    for (String provider : providers) {
      String simpleName = provider.substring(provider.lastIndexOf('.') + 1);
      if (METADATA_PROVIDERS.contains(simpleName)) {
        return provider;
      }
    }
    return null;
  }
}
