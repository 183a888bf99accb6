package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.monitoring.CheckRule;
import dev.tripcast.monitoring.ChecksTable;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Warehouse;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code tripcast nightly} branches on between its steps, read from the committed tables:
 * which model version serves a month (its {@code scored_trips}), which version is
 * {@code @champion} ({@code model_registry}), and which fired rules of the month's {@code checks}
 * ask for a retrain. Reads only; writes nothing.
 *
 * @param served the version whose predictions {@code scored_trips} holds for the month, if scored
 * @param champion the version {@code @champion} names, if set
 * @param retrainAskedBy the rules with action RETRAIN whose status is warn or error on the month,
 *     for the served version (empty when none fired or the month was not monitored)
 */
public record NightlyState(Optional<String> served, Optional<String> champion, List<String> retrainAskedBy) {

  /** Reads the state of one month. */
  public static NightlyState read(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month) {
    Warehouse warehouse = Stores.warehouse(spark, settings);
    String taxi = taxiType.id();
    Optional<String> served = ScoredTrips.servedVersion(warehouse, taxi, month);
    Optional<String> champion = Stores.aliases(spark, settings).state().alias(ModelAliases.CHAMPION).version();
    List<String> asking = served.flatMap(v -> warehouse.readLatest(ChecksTable.TABLE.key(taxi, month, v)))
        .map(s -> s.rows()
            .where(col("action").equalTo(CheckRule.Action.RETRAIN.name())
                .and(col("status").isin("warn", "error")))
            .select(col("rule")).orderBy(col("rule")).collectAsList().stream().map((Row r) -> r.getString(0)).toList())
        .orElse(List.of());
    return new NightlyState(served, champion, asking);
  }

  /** Whether the month is served by a version other than the champion (a promotion happened since it was scored). */
  public boolean servedByOldChampion() {
    return champion.isPresent() && !champion.equals(served);
  }

  /** One line for the nightly's log. */
  public String describe() {
    return String.format(Locale.ROOT, "served by %s, champion %s, retrain asked by %s", served.orElse("(not scored)"),
        champion.orElse("(none)"), retrainAskedBy.isEmpty() ? "no rule" : String.join(", ", retrainAskedBy));
  }
}
