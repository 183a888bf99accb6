package dev.tripcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.features.TripFilters;
import dev.tripcast.model.ModelParams;
import dev.tripcast.model.PromotionPolicy;
import dev.tripcast.model.RidgeSolver;
import dev.tripcast.monitoring.CheckRule;
import dev.tripcast.monitoring.MonitoringParams;
import dev.tripcast.model.ScoringEngine;
import dev.tripcast.reports.ReportParams;
import dev.tripcast.tables.LogStorePolicy;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@link Settings} once at start-up. Precedence, highest first: {@code -D} system
 * properties; {@code CONFIG_FORCE_*} environment variables (Typesafe Config's convention, e.g.
 * {@code CONFIG_FORCE_tripcast_paths_data__root}); the {@code --config} file; the
 * {@code reference.conf} packaged in the jar.
 *
 * <p>Every key is checked against {@code reference.conf} ({@code checkValid}) and converted to
 * its type here, so a missing or mistyped key fails before Spark starts.
 */
public final class SettingsLoader {
  private static final String ROOT = "tripcast";
  /** The one open map: any spark.* setting may be added under it. */
  private static final String OPEN_MAP = ROOT + ".spark.conf.";
  /** Keys a release renamed or retired, with what replaced them: the refusal names the new key. */
  private static final Map<String, String> RETIRED = Map.of(
      ROOT + ".reports.percentile-accuracy",
      "replaced by tripcast.reports.percentile-bin-minutes (exact percentiles from 0.001-minute bins)");

  private SettingsLoader() {}

  /**
   * Loads the settings.
   *
   * @param configFile the {@code --config} file, or empty for the packaged defaults only
   * @return the validated settings
   * @throws dev.tripcast.errors.InvalidInputException if the file is missing or unparsable, or a
   *     key is missing, mistyped or out of range; the message names the file or key
   */
  public static Settings load(Optional<File> configFile) {
    Config merged = ConfigFactory.systemProperties()
        .withFallback(ConfigFactory.systemEnvironmentOverrides())
        .withFallback(parseFile(configFile))
        .withFallback(ConfigFactory.defaultReferenceUnresolved());
    try {
      Config resolved = merged.resolve();
      Config reference = ConfigFactory.defaultReference();
      resolved.checkValid(reference, ROOT);
      rejectUnknownKeys(resolved, reference);
      return fromConfig(resolved);
    } catch (ConfigException.ValidationFailed e) {
      ConfigException.ValidationProblem first = e.problems().iterator().next();
      throw new InvalidConfigValueException(first.path(), first.problem());
    } catch (ConfigException e) {
      throw new UnresolvableConfigException(oneLine(e.getMessage()));
    }
  }

  /** Misspelled keys would silently leave a default in force: refuse any key reference.conf lacks. */
  private static void rejectUnknownKeys(Config resolved, Config reference) {
    for (String key : new java.util.TreeSet<>(keys(resolved.getConfig(ROOT)))) {
      String path = ROOT + "." + key;
      if (RETIRED.containsKey(path)) {
        throw new InvalidConfigValueException(path, "no longer a tripcast setting: " + RETIRED.get(path));
      }
      if (!path.startsWith(OPEN_MAP) && !reference.hasPathOrNull(path)) {
        throw new InvalidConfigValueException(path, "not a tripcast setting (misspelled? see reference.conf for the keys)");
      }
    }
  }

  private static java.util.Set<String> keys(Config c) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      out.add(e.getKey());
    }
    return out;
  }

  private static Config parseFile(Optional<File> configFile) {
    if (configFile.isEmpty()) {
      return ConfigFactory.empty();
    }
    File file = configFile.get();
    if (!file.isFile()) {
      throw new InvalidConfigFileException(file.getPath(), "no such file");
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidConfigFileException(file.getPath(), oneLine(e.getMessage()));
    }
    rejectSecrets(file, parsed);
    return parsed;
  }

  /**
   * Credentials never come from a file tripcast reads (files get committed and copied around):
   * refuse any key that names a secret ({@link Secrets#isSecretKey}), whatever its value.
   */
  private static void rejectSecrets(File file, Config parsed) {
    for (Map.Entry<String, ConfigValue> e : parsed.entrySet()) {
      String key = unquote(e.getKey());
      if (Secrets.isSecretKey(key)) {
        throw new InvalidConfigFileException(file.getPath(), "key '" + key + "' holds a secret; credentials come only from"
            + " the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the AWS provider chain, never from a file");
      }
    }
  }

  static Settings fromConfig(Config c) {
    Settings settings = new Settings(
        new Settings.Paths(
            nonBlank(c, "paths.data-root"), nonBlank(c, "paths.warehouse-root"), nonBlank(c, "paths.model-root")),
        new Settings.SparkSettings(
            nonBlank(c, "spark.master"), nonBlank(c, "spark.app-name"), stringMap(c.getConfig(ROOT + ".spark.conf"))),
        new TripFilters(
            c.getDouble(ROOT + ".filters.min-duration-minutes"),
            c.getDouble(ROOT + ".filters.max-duration-minutes"),
            c.getBoolean(ROOT + ".filters.drop-pickup-outside-month")),
        new ModelParams(
            nonBlank(c, "model.name"),
            FeatureSet.fromId(oneOf(c, "model.feature-set", java.util.Arrays.stream(FeatureSet.values()).map(FeatureSet::id).toList())).orElseThrow(),
            new ModelParams.PairModel(
                oneOf(c, "model.pair.solver", List.of("l-bfgs", "normal", "auto")),
                positiveInt(c, "model.pair.max-iter"),
                c.getDouble(ROOT + ".model.pair.tol"),
                c.getDouble(ROOT + ".model.pair.reg-param")),
            new ModelParams.Backoff(
                c.getBoolean(ROOT + ".model.backoff.enabled"),
                c.getDouble(ROOT + ".model.backoff.reg-param"),
                c.getDouble(ROOT + ".model.backoff.max-trip-distance-miles")),
            new ModelParams.Extended(
                List.copyOf(c.getDoubleList(ROOT + ".model.extended.reg-param-grid")),
                c.getDouble(ROOT + ".model.extended.holdout-fraction"),
                RidgeSolver.fromId(oneOf(c, "model.extended.solver", RidgeSolver.ids())).orElseThrow(),
                positiveInt(c, "model.extended.max-iter"),
                c.getDouble(ROOT + ".model.extended.tol"),
                c.getDouble(ROOT + ".model.extended.max-trip-distance-miles"),
                List.copyOf(c.getDoubleList(ROOT + ".model.extended.distance-knots-miles")))),
        new ReportParams(
            positiveDouble(c, "reports.percentile-bin-minutes"),
            List.copyOf(c.getDoubleList(ROOT + ".reports.distance-bucket-bounds-miles"))),
        s3(c),
        lifecycle(c),
        monitoring(c),
        ScoringEngine.fromId(oneOf(c, "scoring.engine", ScoringEngine.ids())).orElseThrow(),
        catalog(c),
        new Settings.Maintenance(wholeHours(c, "maintenance.vacuum-retention"),
            nonNegativeDuration(c, "maintenance.every")));
    validate(settings);
    return settings;
  }

  /**
   * {@code tripcast.catalog.database}: empty, or a Hive database name (letters, digits,
   * underscores; the metastore lower-cases it, so it is lower-cased here and names one database).
   */
  private static Settings.Catalog catalog(Config c) {
    String key = ROOT + ".catalog.database";
    String database = c.getString(key).trim();
    if (database.isEmpty()) {
      return new Settings.Catalog(Optional.empty());
    }
    if (!database.matches("[A-Za-z0-9_]+")) {
      throw new InvalidConfigValueException(key, "must be empty (no catalog) or a database name of letters, digits"
          + " and underscores, got '" + database + "'");
    }
    return new Settings.Catalog(Optional.of(database.toLowerCase(java.util.Locale.ROOT)));
  }

  private static PromotionPolicy lifecycle(Config c) {
    try {
      return new PromotionPolicy(positiveInt(c, "lifecycle.train-window-months"),
          c.getDouble(ROOT + ".lifecycle.promote-margin-minutes"),
          c.getDouble(ROOT + ".lifecycle.segment-tolerance-minutes"));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigValueException(ROOT + ".lifecycle", e.getMessage());
    }
  }

  private static MonitoringParams monitoring(Config c) {
    String m = ROOT + ".monitoring";
    try {
      return new MonitoringParams(c.getInt(m + ".quantiles"), c.getInt(m + ".bins"),
          c.getInt(m + ".percentile-accuracy"), c.getInt(m + ".top-categories"),
          new MonitoringParams.Thresholds(
              c.getDouble(m + ".thresholds.normed-wasserstein"), c.getDouble(m + ".thresholds.jensen-shannon"),
              c.getDouble(m + ".thresholds.psi"), c.getDouble(m + ".thresholds.unseen-share-increase"),
              c.getDouble(m + ".thresholds.missing-share-increase"),
              c.getDouble(m + ".thresholds.drifted-column-share"), c.getDouble(m + ".thresholds.rmse-ratio"),
              c.getDouble(m + ".thresholds.bias-shift-minutes"),
              c.getLong(m + ".thresholds.small-sample-rows"), c.getDouble(m + ".thresholds.p-value")),
          rules(c.getConfigList(m + ".rules")), webhook(c), c.getBoolean(m + ".after-score"));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigValueException(m, e.getMessage());
    }
  }

  private static Optional<MonitoringParams.Webhook> webhook(Config c) {
    String w = "monitoring.webhook";
    String url = c.getString(ROOT + "." + w + ".url").trim();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    if (!url.matches("(?i)https?://\\S+")) {
      throw new InvalidConfigValueException(ROOT + "." + w + ".url", "must be empty (no webhook) or an http(s) URL, got '"
          + Secrets.maskUserInfo(url) + "'");
    }
    return Optional.of(new MonitoringParams.Webhook(java.net.URI.create(url), c.getString(ROOT + "." + w + ".secret-env"),
        positiveDuration(c, w + ".timeout"), positiveDuration(c, w + ".retry-budget"),
        positiveDuration(c, w + ".retry-backoff")));
  }

  private static List<CheckRule> rules(List<? extends Config> rules) {
    List<CheckRule> out = new java.util.ArrayList<>();
    for (Config r : rules) {
      String name = r.getString("name");
      out.add(new CheckRule(name, r.getString("column"), r.getString("statistic"),
          r.hasPath("threshold") ? Optional.of(r.getDouble("threshold")) : Optional.empty(),
          enumOf(CheckRule.Level.class, name, "level", r.getString("level")),
          r.hasPath("action") ? enumOf(CheckRule.Action.class, name, "action", r.getString("action"))
              : CheckRule.Action.NONE));
    }
    return out;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String rule, String key, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule " + rule + ": " + key + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  private static Settings.S3 s3(Config c) {
    String endpoint = c.getString(ROOT + ".s3.endpoint").trim();
    if (!endpoint.isEmpty() && !endpoint.matches("(?i)https?://[^/\\s]+/?")) {
      throw new InvalidConfigValueException(ROOT + ".s3.endpoint", "must be empty (AWS S3) or an http(s)://host[:port] URL, got '"
          + Secrets.maskUserInfo(endpoint) + "'");
    }
    List<String> providers = List.copyOf(c.getStringList(ROOT + ".s3.credentials-providers"));
    if (providers.isEmpty() || providers.stream().anyMatch(String::isBlank)) {
      throw new InvalidConfigValueException(ROOT + ".s3.credentials-providers", "must list at least one class name, none blank");
    }
    String metadataProvider = S3HadoopConf.firstMetadataProvider(providers);
    if (metadataProvider != null) {
      throw new InvalidConfigValueException(ROOT + ".s3.credentials-providers", metadataProvider
          + " queries the cloud instance-metadata service, which tripcast never contacts; remove it");
    }
    return new Settings.S3(
        endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint.replaceAll("/$", "")),
        c.getBoolean(ROOT + ".s3.path-style-access"),
        nonBlank(c, "s3.region"),
        providers,
        new Settings.S3Connection(
            positiveInt(c, "s3.connection.maximum"),
            positiveDuration(c, "s3.connection.establish-timeout"),
            positiveDuration(c, "s3.connection.socket-timeout"),
            nonNegativeInt(c, "s3.connection.sdk-max-error-retries"),
            nonNegativeInt(c, "s3.connection.retry-limit"),
            positiveDuration(c, "s3.connection.retry-interval")),
        new Settings.S3Io(
            oneOf(c, "s3.io.input-policy", List.of("random", "normal", "sequential")),
            nonNegativeLong(c, "s3.io.readahead-bytes"),
            oneOf(c, "s3.io.directory-markers", List.of("keep", "delete")),
            oneOf(c, "s3.io.upload-buffer", List.of("disk", "array", "bytebuffer")),
            Integer.parseInt(oneOf(c, "s3.io.output-committer.algorithm-version", List.of("1", "2"))),
            c.getBoolean(ROOT + ".s3.io.output-committer.skip-cleanup")),
        LogStorePolicy.valueOf(
            oneOf(c, "s3.single-driver-log-store", List.of("refuse", "warn")).toUpperCase(java.util.Locale.ROOT)));
  }

  private static void validate(Settings s) {
    TripFilters f = s.filters();
    if (!(f.minDurationMinutes() >= 0 && f.minDurationMinutes() < f.maxDurationMinutes())) {
      throw new InvalidConfigValueException(ROOT + ".filters", "need 0 <= min-duration-minutes < max-duration-minutes, got "
          + f.minDurationMinutes() + " and " + f.maxDurationMinutes());
    }
    if (s.model().pair().tol() < 0 || s.model().pair().regParam() < 0) {
      throw new InvalidConfigValueException(ROOT + ".model.pair", "tol and reg-param must be >= 0");
    }
    if (s.model().backoff().enabled() && !(s.model().backoff().regParam() > 0)) {
      throw new InvalidConfigValueException(ROOT + ".model.backoff.reg-param", "must be > 0 so the back-off solution is unique");
    }
    if (!(s.model().backoff().maxTripDistanceMiles() > 0)) {
      throw new InvalidConfigValueException(ROOT + ".model.backoff.max-trip-distance-miles", "must be > 0");
    }
    validateExtended(s.model().extended());
    List<Double> bounds = s.reports().distanceBucketBoundsMiles();
    for (int i = 0; i < bounds.size(); i++) {
      if (bounds.get(i) <= 0 || (i > 0 && bounds.get(i) <= bounds.get(i - 1))) {
        throw new InvalidConfigValueException(ROOT + ".reports.distance-bucket-bounds-miles", "must be positive and ascending, got " + bounds);
      }
    }
  }

  private static void validateExtended(ModelParams.Extended x) {
    String key = ROOT + ".model.extended.";
    if (x.regParamGrid().isEmpty() || x.regParamGrid().stream().anyMatch(r -> !(r > 0))) {
      throw new InvalidConfigValueException(key + "reg-param-grid", "must list at least one penalty, each > 0, got " + x.regParamGrid());
    }
    if (!(x.holdoutFraction() > 0 && x.holdoutFraction() < 1)) {
      throw new InvalidConfigValueException(key + "holdout-fraction", "must be in (0, 1), got " + x.holdoutFraction());
    }
    if (x.tol() < 0) {
      throw new InvalidConfigValueException(key + "tol", "must be >= 0, got " + x.tol());
    }
    if (!(x.maxTripDistanceMiles() > 0)) {
      throw new InvalidConfigValueException(key + "max-trip-distance-miles", "must be > 0, got " + x.maxTripDistanceMiles());
    }
    List<Double> knots = x.distanceKnotsMiles();
    for (int i = 0; i < knots.size(); i++) {
      if (knots.get(i) <= 0 || knots.get(i) >= x.maxTripDistanceMiles() || (i > 0 && knots.get(i) <= knots.get(i - 1))) {
        throw new InvalidConfigValueException(key + "distance-knots-miles",
            "must be ascending, each in (0, max-trip-distance-miles), got " + knots);
      }
    }
  }

  private static String nonBlank(Config c, String key) {
    String value = c.getString(ROOT + "." + key);
    if (value.isBlank()) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must not be blank");
    }
    return value;
  }

  private static int positiveInt(Config c, String key) {
    int value = c.getInt(ROOT + "." + key);
    if (value <= 0) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be > 0, got " + value);
    }
    return value;
  }

  private static double positiveDouble(Config c, String key) {
    double value = c.getDouble(ROOT + "." + key);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be a finite number > 0, got " + value);
    }
    return value;
  }

  private static int nonNegativeInt(Config c, String key) {
    int value = c.getInt(ROOT + "." + key);
    if (value < 0) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be >= 0, got " + value);
    }
    return value;
  }

  private static long nonNegativeLong(Config c, String key) {
    long value = c.getLong(ROOT + "." + key);
    if (value < 0) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be >= 0, got " + value);
    }
    return value;
  }

  /** VACUUM's RETAIN is in hours (Delta rounds a fraction): at least one, whole. */
  private static java.time.Duration wholeHours(Config c, String key) {
    java.time.Duration value = c.getDuration(ROOT + "." + key);
    if (value.toHours() < 1 || !value.equals(java.time.Duration.ofHours(value.toHours()))) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be a whole number of hours, at least 1h (VACUUM's"
          + " RETAIN is in hours), got " + value);
    }
    return value;
  }

  private static java.time.Duration nonNegativeDuration(Config c, String key) {
    java.time.Duration value = c.getDuration(ROOT + "." + key);
    if (value.isNegative()) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be 0 (off) or a positive duration such as 7d, got " + value);
    }
    return value;
  }

  private static java.time.Duration positiveDuration(Config c, String key) {
    java.time.Duration value = c.getDuration(ROOT + "." + key);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be a positive duration such as 5s or 500ms, got " + value);
    }
    return value;
  }

  private static String oneOf(Config c, String key, List<String> allowed) {
    String value = c.getString(ROOT + "." + key);
    if (!allowed.contains(value)) {
      throw new InvalidConfigValueException(ROOT + "." + key, "must be one of " + allowed + ", got '" + value + "'");
    }
    return value;
  }

  private static Map<String, String> stringMap(Config c) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      out.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));
    }
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
  }

  private static String unquote(String key) {
    return key.replace("\"", "");
  }

  private static String oneLine(String message) {
    return message.replace('\n', ' ');
  }
}
