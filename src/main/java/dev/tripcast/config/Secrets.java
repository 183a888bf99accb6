package dev.tripcast.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises settings that hold secrets, so they are masked in logs and refused in configuration
 * files. A key names a secret when it contains {@code secret}, {@code password}, {@code passwd},
 * {@code token}, {@code access.key} (or {@code access-key}, {@code access_key}, {@code accesskey})
 * or {@code credential} (but not {@code credentials.provider}, which lists class names), in any
 * case: {@code spark.hadoop.fs.s3a.secret.key}, {@code fs.s3a.session.token},
 * {@code fs.s3a.proxy.password}, {@code spark.hadoop.fs.s3a.bucket.b.access.key}.
 */
final class Secrets {
  /** What a masked value prints as. */
  static final String MASK = "*****";

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(secret|password|passwd|token|access[._-]?key|credential(?!s?[._-]?providers?)).*");
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private Secrets() {}

  /** Whether the value of {@code key} is a secret. */
  static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** A copy of {@code settings}, same order, with the value of every secret key replaced by {@link #MASK}. */
  static Map<String, String> maskValues(Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : v));
    return out;
  }

  /** {@code url} with any user info masked: {@code http://u:p@host:9000} → {@code http://*****@host:9000}. */
  static String maskUserInfo(String url) {
    return USER_INFO.matcher(url).replaceFirst("$1" + MASK + "@");
  }
}
