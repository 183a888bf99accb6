package dev.tripcast.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** {@link LogStores#check}: Delta tables on S3 need a multi-driver log store, or an explicit "warn". */
class LogStoresTest {
  private static final String S3_TABLE = "s3a://bucket/warehouse/scored_trips";
  private static final String EXPECTED = "Delta table s3a://bucket/warehouse/scored_trips is on S3 but"
      + " spark.delta.logStore.s3a.impl is not set: Delta's default S3 log store is safe for one writing driver only"
      + " (set it to io.delta.storage.S3DynamoDBLogStore, see docs/s3.md, or set"
      + " tripcast.s3.single-driver-log-store = warn if one driver at a time writes these tables)";

  @Test
  void s3TableWithoutALogStoreIsRefusedNamingThePathAndTheKey() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> LogStores.check(conf(), S3_TABLE, LogStorePolicy.REFUSE));

    assertEquals(EXPECTED, e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void warnPolicyReturnsTheSameMessageInsteadOfThrowing() {
    assertEquals(Optional.of(EXPECTED), LogStores.check(conf(), S3_TABLE, LogStorePolicy.WARN));
  }

  @Test
  void dynamoDbLogStoreForTheSchemePasses() {
    SparkConf conf = conf().set("spark.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore");

    assertEquals(Optional.empty(), LogStores.check(conf, S3_TABLE, LogStorePolicy.REFUSE));
  }

  @Test
  void keyWithoutTheSparkPrefixAndTheGlobalClassKeyAreAcceptedLikeDeltaAcceptsThem() {
    assertEquals(Optional.empty(), LogStores.check(
        conf().set("delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore"), S3_TABLE, LogStorePolicy.REFUSE));
    assertEquals(Optional.empty(), LogStores.check(
        conf().set("spark.delta.logStore.class", "io.delta.storage.S3DynamoDBLogStore"), S3_TABLE, LogStorePolicy.REFUSE));
  }

  @Test
  void explicitlyConfiguredSingleDriverLogStoreCountsAsNotSetUp() {
    SparkConf conf = conf().set("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");

    assertThrows(InvalidInputException.class, () -> LogStores.check(conf, S3_TABLE, LogStorePolicy.REFUSE));
  }

  @Test
  void aLogStoreForAnotherSchemeDoesNotCoverS3a() {
    SparkConf conf = conf().set("spark.delta.logStore.s3.impl", "io.delta.storage.S3DynamoDBLogStore");

    assertThrows(InvalidInputException.class, () -> LogStores.check(conf, S3_TABLE, LogStorePolicy.REFUSE));
    assertEquals(Optional.empty(), LogStores.check(conf, "s3://bucket/t", LogStorePolicy.REFUSE));
  }

  @Test
  void localAndHdfsTablesAlwaysPass() {
    assertEquals(Optional.empty(), LogStores.check(conf(), "file:/tmp/warehouse/t", LogStorePolicy.REFUSE));
    assertEquals(Optional.empty(), LogStores.check(conf(), "/tmp/warehouse/t", LogStorePolicy.REFUSE));
    assertEquals(Optional.empty(), LogStores.check(conf(), "hdfs://nn:8020/w/t", LogStorePolicy.REFUSE));
  }

  private static SparkConf conf() {
    return new SparkConf(false);
  }
}
