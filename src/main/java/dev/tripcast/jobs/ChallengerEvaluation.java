package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ChallengerDecision;
import dev.tripcast.model.ChallengerDecision.Segment;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.model.ModelRegistry.SavedModel;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ZoneLookup;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Champion and challenger on one labelled month, for {@link RetrainJob}: each model scores the
 * month (prepared for its own feature set, with the same filters), each version's rows of the
 * month replace that version's rows of {@code error_report}, and both are compared on the trips
 * both scored (joined on {@code ride_id}) in one aggregation: overall and on the champion's
 * seen-pair and unseen-pair trips. Nothing is written to {@code scored_trips}.
 *
 * @param segments overall, then seen and unseen when they hold trips; RMSE in minutes
 * @param errorReport the last {@code error_report} commit (the challenger's rows)
 */
record ChallengerEvaluation(List<Segment> segments, Commit errorReport) {

  /**
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or unusable, or no
   *     trip was scored by both models
   */
  static ChallengerEvaluation run(RunContext context, TaxiType taxiType, YearMonth month, SavedModel champion,
      SavedModel challenger) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    Timestamp at = Timestamp.from(run.startedAt());
    Dataset<Row> championScored = scored(spark, settings, taxiType, month, champion, at).cache();
    Dataset<Row> challengerScored = scored(spark, settings, taxiType, month, challenger, at).cache();
    try {
      Commit commit = null;
      for (SavedModel m : List.of(champion, challenger)) {
        Dataset<Row> scored = m == champion ? championScored : challengerScored;
        commit = warehouse.replace(ErrorReport.TABLE.key(taxiType.id(), month, m.version()),
            ErrorReport.build(scored, ZoneLookup.load(spark), settings.reports()),
            RunMetadata.json(run.id(), run.job(), m.version()));
      }
      return new ChallengerEvaluation(compare(championScored, challengerScored, month), commit);
    } finally {
      championScored.unpersist();
      challengerScored.unpersist();
    }
  }

  /** Sums of squared errors of both models on the trips both scored, split by the champion's pu_do_seen. */
  private static List<Segment> compare(Dataset<Row> champion, Dataset<Row> challenger, YearMonth month) {
    Dataset<Row> both = champion.select(col(ScoredTrips.RIDE_ID), col(ModelColumns.PU_DO_SEEN).as("seen"),
            col(ScoredTrips.DIFF).as("d_champion"))
        .join(challenger.select(col(ScoredTrips.RIDE_ID), col(ScoredTrips.DIFF).as("d_challenger")), ScoredTrips.RIDE_ID);
    Row r = both.agg(
        count(lit(1)),
        sum(col("d_champion").multiply(col("d_champion"))),
        sum(col("d_challenger").multiply(col("d_challenger"))),
        sum(when(col("seen"), 1L).otherwise(0L)),
        sum(when(col("seen"), col("d_champion").multiply(col("d_champion"))).otherwise(0.0)),
        sum(when(col("seen"), col("d_challenger").multiply(col("d_challenger"))).otherwise(0.0))).first();
    long n = r.getLong(0);
    if (n == 0) {
      throw new NoRowsKeptException("evaluation", month.toString());
    }
    long seen = r.getLong(3);
    List<Segment> segments = new ArrayList<>();
    segments.add(segment(ChallengerDecision.OVERALL, n, r.getDouble(1), r.getDouble(2)));
    if (seen > 0) {
      segments.add(segment(ChallengerDecision.SEEN, seen, r.getDouble(4), r.getDouble(5)));
    }
    if (n > seen) {
      segments.add(segment(ChallengerDecision.UNSEEN, n - seen, r.getDouble(1) - r.getDouble(4),
          r.getDouble(2) - r.getDouble(5)));
    }
    return segments;
  }

  private static Segment segment(String name, long n, double sseChampion, double sseChallenger) {
    return new Segment(name, n, Math.sqrt(Math.max(0, sseChampion) / n), Math.sqrt(Math.max(0, sseChallenger) / n));
  }

  /** The month's kept trips through one model, in {@code scored_trips}' shape (not written). */
  private static Dataset<Row> scored(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month,
      SavedModel model, Timestamp at) {
    PreparedMonths input = PreparedMonths.load(spark, settings, model.model().featureSet(), taxiType, List.of(month));
    return ScoredTrips.stamp(model.model().score(input.kept(), settings.scoringEngine()), model.version(), at);
  }
}
