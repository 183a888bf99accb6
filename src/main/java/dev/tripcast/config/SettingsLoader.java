package dev.tripcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import dev.tripcast.errors.Errors;
import dev.tripcast.features.FeatureSet;
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
      throw Errors.badConfig(first.path(), first.problem());
    } catch (ConfigException e) {
      throw Errors.invalidConfig(oneLine(e.getMessage()));
    }
  }

  /** Misspelled keys would silently leave a default in force: refuse any key reference.conf lacks. */
  private static void rejectUnknownKeys(Config resolved, Config reference) {
    for (String key : new java.util.TreeSet<>(resolved.getConfig(ROOT).root().keySet().isEmpty()
        ? java.util.Set.<String>of() : keys(resolved.getConfig(ROOT)))) {
      String path = ROOT + "." + key;
      if (!path.startsWith(OPEN_MAP) && !reference.hasPathOrNull(path)) {
        throw Errors.badConfig(path, "not a tripcast setting (misspelled? see reference.conf for the keys)");
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
      throw Errors.badConfigFile(file.getPath(), "no such file");
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw Errors.badConfigFile(file.getPath(), oneLine(e.getMessage()));
    }
  }

  static Settings fromConfig(Config c) {
    Settings settings = new Settings(
        new Settings.Paths(
            nonBlank(c, "paths.data-root"), nonBlank(c, "paths.warehouse-root"), nonBlank(c, "paths.model-root")),
        new Settings.Tables(
            nonBlank(c, "tables.scored-trips"), nonBlank(c, "tables.error-report"), nonBlank(c, "tables.data-quality")),
        new Settings.SparkSettings(
            nonBlank(c, "spark.master"), nonBlank(c, "spark.app-name"), stringMap(c.getConfig(ROOT + ".spark.conf"))),
        new Settings.Filters(
            c.getDouble(ROOT + ".filters.min-duration-minutes"),
            c.getDouble(ROOT + ".filters.max-duration-minutes"),
            c.getBoolean(ROOT + ".filters.drop-pickup-outside-month")),
        new Settings.ModelParams(
            nonBlank(c, "model.name"),
            FeatureSet.fromId(oneOf(c, "model.feature-set", java.util.Arrays.stream(FeatureSet.values()).map(FeatureSet::id).toList())).orElseThrow(),
            new Settings.PairModel(
                oneOf(c, "model.pair.solver", List.of("l-bfgs", "normal", "auto")),
                positiveInt(c, "model.pair.max-iter"),
                c.getDouble(ROOT + ".model.pair.tol"),
                c.getDouble(ROOT + ".model.pair.reg-param")),
            new Settings.Backoff(
                c.getBoolean(ROOT + ".model.backoff.enabled"),
                c.getDouble(ROOT + ".model.backoff.reg-param"),
                c.getDouble(ROOT + ".model.backoff.max-trip-distance-miles"))),
        new Settings.Reports(
            positiveInt(c, "reports.percentile-accuracy"),
            List.copyOf(c.getDoubleList(ROOT + ".reports.distance-bucket-bounds-miles"))));
    validate(settings);
    return settings;
  }

  private static void validate(Settings s) {
    Settings.Filters f = s.filters();
    if (!(f.minDurationMinutes() >= 0 && f.minDurationMinutes() < f.maxDurationMinutes())) {
      throw Errors.badConfig(ROOT + ".filters", "need 0 <= min-duration-minutes < max-duration-minutes, got "
          + f.minDurationMinutes() + " and " + f.maxDurationMinutes());
    }
    if (s.model().pair().tol() < 0 || s.model().pair().regParam() < 0) {
      throw Errors.badConfig(ROOT + ".model.pair", "tol and reg-param must be >= 0");
    }
    if (s.model().backoff().enabled() && !(s.model().backoff().regParam() > 0)) {
      throw Errors.badConfig(ROOT + ".model.backoff.reg-param", "must be > 0 so the back-off solution is unique");
    }
    if (!(s.model().backoff().maxTripDistanceMiles() > 0)) {
      throw Errors.badConfig(ROOT + ".model.backoff.max-trip-distance-miles", "must be > 0");
    }
    List<Double> bounds = s.reports().distanceBucketBoundsMiles();
    for (int i = 0; i < bounds.size(); i++) {
      if (bounds.get(i) <= 0 || (i > 0 && bounds.get(i) <= bounds.get(i - 1))) {
        throw Errors.badConfig(ROOT + ".reports.distance-bucket-bounds-miles", "must be positive and ascending, got " + bounds);
      }
    }
  }

  private static String nonBlank(Config c, String key) {
    String value = c.getString(ROOT + "." + key);
    if (value.isBlank()) {
      throw Errors.badConfig(ROOT + "." + key, "must not be blank");
    }
    return value;
  }

  private static int positiveInt(Config c, String key) {
    int value = c.getInt(ROOT + "." + key);
    if (value <= 0) {
      throw Errors.badConfig(ROOT + "." + key, "must be > 0, got " + value);
    }
    return value;
  }

  private static String oneOf(Config c, String key, List<String> allowed) {
    String value = c.getString(ROOT + "." + key);
    if (!allowed.contains(value)) {
      throw Errors.badConfig(ROOT + "." + key, "must be one of " + allowed + ", got '" + value + "'");
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
