package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.errors.ConcurrentChangeException;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code model_registry} Delta table: the source of truth for which version each alias
 * ({@code champion}, {@code challenger}) points at, as one row per event. MLflow's names: a
 * registered model has versions; an alias points at one version.
 *
 * <p>Events ({@code event} column): {@code registered} (train saved a version), {@code alias_set}
 * (an alias pointed at a version for the first time), {@code alias_moved}, {@code alias_rolled_back}
 * and {@code alias_move_rejected} (an attempt that lost a race, kept as evidence), {@code evaluated}
 * (a {@code retrain} decision) and {@code archived} (a champion replaced). Alias events
 * carry {@code alias_seq}, the alias's 1-based move number. Moving an alias inserts the row with
 * the next {@code alias_seq} in one Delta MERGE that fails if that number is taken or the table
 * changed since it was read ({@link Warehouse#insertIfAbsent}), so two promotions at once cannot
 * both win: one commits, the other records its rejected attempt and fails with
 * {@link ConcurrentChangeException}. An alias's version is the top of its history after replaying
 * its events in {@code alias_seq} order (a rollback pops the top).
 */
public final class ModelAliases {
  /** The alias {@code score} and {@code backfill} use by default. */
  public static final String CHAMPION = "champion";
  /** The alias of the candidate that {@code score --shadow} and {@code retrain} evaluate. */
  public static final String CHALLENGER = "challenger";

  /** Event: a version was saved. */
  public static final String REGISTERED = "registered";
  /** Event: an alias pointed at a version for the first time. */
  public static final String ALIAS_SET = "alias_set";
  /** Event: an alias moved to another version. */
  public static final String ALIAS_MOVED = "alias_moved";
  /** Event: an alias moved back to the version it held before. */
  public static final String ALIAS_ROLLED_BACK = "alias_rolled_back";
  /** Event: an alias move that lost a race (not applied). */
  public static final String ALIAS_MOVE_REJECTED = "alias_move_rejected";
  /**
   * Event: {@code retrain} compared a challenger with the champion; {@code details.outcome} is
   * {@code promoted} or {@code kept_champion}, {@code metrics} the figures and thresholds.
   */
  public static final String EVALUATED = "evaluated";
  /** Event: a version left service (the champion a promotion replaced), MLflow's "Archived". */
  public static final String ARCHIVED = "archived";

  /** The table. Unpartitioned (a few rows per training or promotion), key {@code model_name}. */
  public static final Table TABLE = Table.of("model_registry",
      "event_id STRING, model_name STRING, event STRING, version STRING, alias STRING, alias_seq BIGINT, "
          + "previous_version STRING, event_time TIMESTAMP, run_id STRING, reason STRING, metrics MAP<STRING, DOUBLE>, "
          + "details MAP<STRING, STRING>",
      List.of(), List.of("model_name"),
      "one event of the model registry: a version registered, or an alias set, moved, rolled back or rejected");

  private static final Logger LOG = LoggerFactory.getLogger(ModelAliases.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String modelName;

  /**
   * @param warehouse where {@code model_registry} lives
   * @param modelName the registered model, e.g. "trip-duration"
   */
  public ModelAliases(SparkSession spark, Warehouse warehouse, String modelName) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.modelName = modelName;
  }

  /**
   * One row of the table.
   *
   * @param aliasSeq the alias's move number (1, 2, ...), null for {@code registered} and rejected moves
   * @param previousVersion the version the alias pointed at before, null if none
   * @param time UTC instant of the event
   * @param metrics the figures that justified it (e.g. {@code valid_rmse}, minutes), possibly empty
   * @param details facts that are not numbers, possibly empty: a registered version's
   *     {@code fingerprint}, a decision's {@code outcome}, {@code eval_months}, {@code decision_id}
   */
  public record Event(String eventId, String event, String version, String alias, Long aliasSeq,
      String previousVersion, Instant time, String runId, String reason, Map<String, Double> metrics,
      Map<String, String> details) {

    /** A detail, if recorded. */
    public Optional<String> detail(String key) {
      return Optional.ofNullable(details.get(key));
    }
  }

  /**
   * An alias's state after replaying its events.
   *
   * @param alias "champion" or "challenger"
   * @param seq the last applied move number (0: never set)
   * @param history the versions it held, oldest first, rollbacks popped; the last is current
   */
  public record AliasState(String alias, long seq, List<String> history) {
    /** The version the alias points at, if set. */
    public Optional<String> version() {
      return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** The version a rollback would return to, if any. */
    public Optional<String> previous() {
      return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
    }
  }

  /**
   * The registry as read at one table version.
   *
   * @param events every event of the model, oldest first
   */
  public record State(List<Event> events) {
    /** The state of one alias. */
    public AliasState alias(String alias) {
      List<Event> moves = events.stream().filter(e -> alias.equals(e.alias()) && e.aliasSeq() != null)
          .sorted(Comparator.comparingLong(Event::aliasSeq)).toList();
      List<String> history = new ArrayList<>();
      long seq = 0;
      for (Event e : moves) {
        if (ALIAS_ROLLED_BACK.equals(e.event()) && !history.isEmpty()) {
          history.remove(history.size() - 1);
        }
        if (history.isEmpty() || !history.get(history.size() - 1).equals(e.version())) {
          history.add(e.version());
        }
        seq = e.aliasSeq();
      }
      return new AliasState(alias, seq, List.copyOf(history));
    }

    /** Alias → version for every alias that is set. */
    public Map<String, String> aliases() {
      Map<String, String> out = new LinkedHashMap<>();
      for (String a : ModelRef.ALIASES) {
        alias(a).version().ifPresent(v -> out.put(a, v));
      }
      return out;
    }
  }

  /** Reads the model's events (empty state if the table does not exist). */
  public State state() {
    // Sorted here, not by Spark: a sort of a few hundred rows would cost a range-partitioning job.
    List<Event> events = warehouse.readAll(TABLE)
        .map(t -> t.where(col("model_name").equalTo(modelName)).collectAsList().stream().map(ModelAliases::fromRow)
            .sorted(Comparator.comparing(Event::time).thenComparing(Event::eventId)).toList())
        .orElse(List.of());
    return new State(events);
  }

  /**
   * Records that a version was saved (one blind append).
   *
   * @param metrics its validation figures, e.g. {@code valid_rmse} in minutes
   * @param details e.g. its {@code fingerprint}
   */
  public Event register(String version, String runId, String reason, Map<String, Double> metrics,
      Map<String, String> details) {
    Event e = event(REGISTERED, version, null, null, null, runId, reason, metrics, details);
    warehouse.append(TABLE, spark.createDataFrame(List.of(toRow(e)), TABLE.schema()), metadata(runId, version));
    return e;
  }

  /**
   * Points {@code alias} at {@code version}, as seen in {@code seen}: one Delta commit that fails
   * if another move of the alias (or any registry commit) came in since {@code seen} was read.
   *
   * @param seen the state the decision was made on ({@link #state()})
   * @param metrics the figures that justified it, possibly empty
   * @return the event committed
   * @throws AliasAlreadySetException if the alias already points at the version
   * @throws ConcurrentChangeException if another move won the race; the rejected attempt is
   *     recorded as an {@code alias_move_rejected} event and the alias is unchanged by this call
   */
  public Event promote(State seen, String alias, String version, String runId, String reason,
      Map<String, Double> metrics) {
    return promote(seen, alias, version, runId, reason, metrics, Map.of());
  }

  /**
   * As {@link #promote(State, String, String, String, String, Map)}, with details (e.g. the
   * {@code decision_id} of the {@code retrain} decision the move applies).
   */
  public Event promote(State seen, String alias, String version, String runId, String reason,
      Map<String, Double> metrics, Map<String, String> details) {
    AliasState current = seen.alias(alias);
    if (current.version().filter(version::equals).isPresent()) {
      throw new AliasAlreadySetException(modelName, alias, version);
    }
    String kind = current.version().isPresent() ? ALIAS_MOVED : ALIAS_SET;
    return move(current, kind, version, runId, reason, metrics, details);
  }

  /**
   * Moves {@code alias} back to the version it held before its current one.
   *
   * @throws NothingToRollBackException if the alias has no earlier version
   * @throws ConcurrentChangeException as {@link #promote}
   */
  public Event rollback(State seen, String alias, String runId, String reason) {
    AliasState current = seen.alias(alias);
    String target = current.previous()
        .orElseThrow(() -> new NothingToRollBackException(modelName, alias, current.version().orElse(null)));
    return move(current, ALIAS_ROLLED_BACK, target, runId, reason, Map.of(), Map.of());
  }

  /**
   * The version {@code ref} selects: an alias through this table, anything else unchanged. Writes
   * nothing: a registry with versions but no champion resolves {@code champion} to its first
   * version, and the caller records that promotion with {@link #promoteFirstChampion} once the
   * run has used it (so a run that fails on its input writes nothing).
   *
   * @param versions the registry's complete versions, oldest first ({@link ModelRegistry#versions})
   * @return the version, and whether it is a first champion still to be recorded
   * @throws dev.tripcast.errors.ModelNotFoundException if the alias is not set (challenger) or
   *     there is no version at all
   */
  public Resolved resolve(ModelRef ref, List<String> versions, String modelDir) {
    if (!(ref instanceof ModelRef.Alias alias)) {
      return new Resolved(ref, false);
    }
    Optional<String> version = state().alias(alias.name()).version();
    if (version.isPresent()) {
      return new Resolved(ModelRef.parse("model_registry", version.get()), false);
    }
    if (!CHAMPION.equals(alias.name())) {
      throw new AliasNotSetException(modelName, alias.name(), versions);
    }
    if (versions.isEmpty()) {
      throw new NoTrainedModelException(modelDir);
    }
    return new Resolved(ModelRef.parse("model_registry", versions.get(0)), true);
  }

  /**
   * Records {@code version} as the first champion of a registry that had none.
   *
   * @return a one-line notice for the user; empty if another run set a champion meanwhile
   */
  public Optional<String> promoteFirstChampion(String version, List<String> versions, String runId) {
    String reason = "first use: the registry had versions " + versions + " but no champion, so the first trained"
        + " version became champion";
    State now = state();
    if (now.alias(CHAMPION).version().isPresent()) {
      return Optional.empty(); // another run set a champion since this run resolved it: that move stands
    }
    try {
      promote(now, CHAMPION, version, runId, reason, Map.of());
    } catch (ConcurrentChangeException | dev.tripcast.errors.InvalidInputException e) {
      return Optional.empty(); // another run promoted at the same moment: its decision stands
    }
    LOG.warn("model {}: {}", modelName, reason);
    return Optional.of("model " + modelName + " had no champion: promoted " + version + " (its first trained version)"
        + " to @champion; change it with 'tripcast models promote vN --alias champion --reason ...'");
  }

  /**
   * @param ref a version or {@code latest}, never an alias
   * @param firstChampion true if {@code ref} is the first version standing in for a champion not yet recorded
   */
  public record Resolved(ModelRef ref, boolean firstChampion) {}

  private Event move(AliasState current, String kind, String version, String runId, String reason,
      Map<String, Double> metrics, Map<String, String> details) {
    Event e = event(kind, version, current.alias(), current.seq() + 1, current.version().orElse(null), runId, reason,
        metrics, details);
    try {
      warehouse.insertIfAbsent(TABLE, spark.createDataFrame(List.of(toRow(e)), TABLE.schema()),
          List.of("model_name", "alias", "alias_seq"), "event_id", e.eventId());
      LOG.info("model {}: @{} {} → {} ({})", modelName, current.alias(), e.previousVersion(), version, kind);
      return e;
    } catch (ConcurrentChangeException lost) {
      Event rejected = event(ALIAS_MOVE_REJECTED, version, current.alias(), null, e.previousVersion(), runId,
          reason + " | rejected: " + lost.getMessage(), metrics, details);
      warehouse.append(TABLE, spark.createDataFrame(List.of(toRow(rejected)), TABLE.schema()),
          metadata(runId, version));
      throw lost;
    }
  }

  private Event event(String kind, String version, String alias, Long seq, String previous, String runId,
      String reason, Map<String, Double> metrics, Map<String, String> details) {
    return new Event(UUID.randomUUID().toString(), kind, version, alias, seq, previous, Instant.now(), runId, reason,
        Map.copyOf(metrics), Map.copyOf(details));
  }

  /**
   * Appends an event that moves no alias (a {@code retrain} decision, a version archived): one
   * blind append that never conflicts.
   */
  public Event record(String kind, String version, String previousVersion, String runId, String reason,
      Map<String, Double> metrics, Map<String, String> details) {
    Event e = event(kind, version, null, null, previousVersion, runId, reason, metrics, details);
    warehouse.append(TABLE, spark.createDataFrame(List.of(toRow(e)), TABLE.schema()), metadata(runId, version));
    return e;
  }

  private Row toRow(Event e) {
    return RowFactory.create(e.eventId(), modelName, e.event(), e.version(), e.alias(), e.aliasSeq(),
        e.previousVersion(), Timestamp.from(e.time()), e.runId(), e.reason(), e.metrics(), e.details());
  }

  private static Event fromRow(Row r) {
    Map<String, Double> metrics = r.isNullAt(10) ? Map.of() : new LinkedHashMap<>(r.<String, Double>getJavaMap(10));
    Map<String, String> details = r.isNullAt(11) ? Map.of() : new LinkedHashMap<>(r.<String, String>getJavaMap(11));
    return new Event(r.getString(0), r.getString(2), r.getString(3), r.getString(4),
        r.isNullAt(5) ? null : r.getLong(5), r.getString(6), r.getTimestamp(7).toInstant(), r.getString(8),
        r.getString(9), metrics, details);
  }

  private static String metadata(String runId, String version) {
    return RunMetadata.json(runId, "models", version);
  }
}
