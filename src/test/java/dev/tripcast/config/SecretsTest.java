package dev.tripcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets never reach the effective-settings log line. */
class SecretsTest {
  @Test
  void keysNamingSecretsAreRecognised() {
    for (String key : new String[] {"spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key",
        "spark.hadoop.fs.s3a.session.token", "spark.hadoop.fs.s3a.proxy.password",
        "spark.hadoop.fs.s3a.bucket.b.secret.key", "AWS_SECRET_ACCESS_KEY", "s3proxy.credential", "db.PASSWD"}) {
      assertTrue(Secrets.isSecretKey(key), key);
    }
    for (String key : new String[] {"spark.hadoop.fs.s3a.aws.credentials.provider", "tripcast.s3.credentials-providers",
        "spark.hadoop.fs.s3a.endpoint", "spark.sql.shuffle.partitions", "spark.hadoop.fs.s3a.path.style.access"}) {
      assertFalse(Secrets.isSecretKey(key), key);
    }
  }

  @Test
  void settingsToStringMasksSecretValuesAndEndpointUserInfo() {
    Settings base = SettingsLoader.load(Optional.empty());
    Map<String, String> conf = new LinkedHashMap<>(base.spark().conf());
    conf.put("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLEKEYID0001");
    conf.put("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    conf.put("spark.hadoop.fs.s3a.session.token", "FQoGZXIvYXdzEXAMPLETOKEN");
    Settings.S3 s3 = base.s3();
    Settings s = base.withSpark(new Settings.SparkSettings("local[1]", "t", conf)).withS3(new Settings.S3(Optional.of("http://minio:minio-secret-pw@127.0.0.1:9000"), true, s3.region(),
            s3.credentialsProviders(), s3.connection(), s3.io(), s3.singleDriverLogStore()));

    String printed = s.toString();

    for (String secret : new String[] {"AKIAEXAMPLEKEYID0001", "wJalrXUtnFEMI", "FQoGZXIvYXdzEXAMPLETOKEN", "minio-secret-pw"}) {
      assertFalse(printed.contains(secret), secret + " leaked into " + printed);
    }
    assertTrue(printed.contains("spark.hadoop.fs.s3a.secret.key=*****"), printed);
    assertTrue(printed.contains("endpoint=http://*****@127.0.0.1:9000"), printed);
    assertTrue(printed.contains("spark.sql.shuffle.partitions=8"), printed);
    assertTrue(printed.contains("region=us-east-1"), printed);
  }
}
