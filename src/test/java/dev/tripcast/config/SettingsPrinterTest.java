package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SettingsPrinter}: the start-up settings as an indented block, one setting per line, secrets masked. */
class SettingsPrinterTest {
  private static final Settings DEFAULTS = SettingsLoader.load(Optional.empty());

  @Test
  void printsOneSettingPerLineIndentedByRecord() {
    List<String> lines = SettingsPrinter.describe(DEFAULTS).lines().toList();

    assertEquals(List.of("paths", "  dataRoot = data/tlc", "  warehouseRoot = warehouse", "  modelRoot = models"),
        lines.subList(0, 4));
    assertTrue(lines.contains("  featureSet = extended"), lines.toString());
    assertTrue(lines.contains("    regParam = 0.0"), lines.toString());
    assertTrue(lines.contains("  singleDriverLogStore = refuse"), lines.toString());
    assertTrue(lines.contains("    spark.sql.shuffle.partitions = 8"), lines.toString());
    assertTrue(lines.contains("  endpoint = (none)"), lines.toString());
  }

  @Test
  void masksSecretKeysAndUserInfoInUrls() {
    Map<String, String> conf = new LinkedHashMap<>(DEFAULTS.spark().conf());
    conf.put("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    Settings.S3 s3 = DEFAULTS.s3();
    Settings s = DEFAULTS.withSpark(new Settings.SparkSettings("local[1]", "t", conf))
        .withS3(new Settings.S3(Optional.of("http://minio:minio-secret-pw@127.0.0.1:9000"), true, s3.region(),
            s3.credentialsProviders(), s3.connection(), s3.io(), s3.singleDriverLogStore()));

    String block = SettingsPrinter.describe(s);

    assertFalse(block.contains("wJalrXUtnFEMI") || block.contains("minio-secret-pw"), block);
    assertTrue(block.contains("    spark.hadoop.fs.s3a.secret.key = *****"), block);
    assertTrue(block.contains("  endpoint = http://*****@127.0.0.1:9000"), block);
  }
}
