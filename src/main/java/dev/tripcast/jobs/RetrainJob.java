package dev.tripcast.jobs;


import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ChallengerDecision;
import dev.tripcast.model.ChallengerDecision.Outcome;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelAliases.Event;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.ModelRegistry.SavedModel;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrain → evaluate → promote, with no person in the loop (the course's champion/challenger step):
 *
 * <pre>
 * fingerprint of (settings, window M-N..M-1, M's files) ─ a decision with it exists? ─ yes ─▶ repeat it (and finish it)
 *                                                        └ no ─ challenger: the version with the fingerprint, else TrainJob
 *   ─ @challenger → it ─ champion and challenger score M (same filters, same trips) ─▶ error_report (one set per version)
 *   ─ ChallengerDecision (margin, segment tolerance) ─▶ model_registry "evaluated" ─ promoted? ─▶ @champion moves, "archived"
 * </pre>
 *
 * <p>Safe to kill at any point: the champion changes only in the one Delta commit that moves the
 * alias, and that commit happens after the decision is recorded. A re-run with the same data and
 * settings finds the decision by its fingerprint and evaluation month, does not train a second
 * challenger, and completes a promotion an earlier run decided but did not apply. Run it with
 * {@code tripcast retrain}.
 */
public final class RetrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);
  static final String OUTCOME = "outcome";
  static final String EVAL_MONTHS = "eval_months";
  static final String TRAIN_MONTHS = "train_months";
  static final String CHAMPION = "champion";
  static final String DECISION_ID = "decision_id";

  private RetrainJob() {}

  /**
   * @param taxiType layout of the months
   * @param evalMonth the labelled month both models are evaluated on
   * @param trainMonths the challenger's training months; empty: the policy's window before {@code evalMonth}
   */
  public record Request(TaxiType taxiType, YearMonth evalMonth, List<YearMonth> trainMonths) {
    /** The training months: as given, or the {@code window} months just before the evaluation month. */
    public List<YearMonth> trainMonths(int window) {
      return !trainMonths.isEmpty() ? trainMonths
          : IntStream.rangeClosed(1, window).mapToObj(i -> evalMonth.minusMonths(window - i + 1)).toList();
    }

    /** What the run does, one line (its {@code run_key}). */
    public String key() {
      return "retrain a " + taxiType.id() + " challenger on " + (trainMonths.isEmpty() ? "the window before " + evalMonth
          : trainMonths.toString()) + " and evaluate it against the champion on " + evalMonth;
    }
  }

  /**
   * @param decision the comparison and its outcome
   * @param champion the champion compared against (its version before the decision)
   * @param challenger the challenger's version
   * @param trained the training run, if this run trained the challenger (empty: reused by fingerprint)
   * @param trainMonths the challenger's training months
   * @param errorReport the {@code error_report} commit of the evaluation rows, if this run evaluated
   * @param repeated the earlier decision this run repeated, if any (nothing was evaluated again)
   * @param registryEvents the {@code model_registry} events this run wrote, in order
   * @param notices lines for the user (e.g. a first champion promoted)
   */
  public record Result(ChallengerDecision decision, String champion, String challenger,
      Optional<TrainJob.Result> trained, List<YearMonth> trainMonths, Optional<Commit> errorReport,
      Optional<Event> repeated, List<Event> registryEvents, List<String> notices) {

    Result withNotices(List<String> more) {
      return new Result(decision, champion, challenger, trained, trainMonths, errorReport, repeated, registryEvents,
          List.copyOf(more));
    }

    /** Whether the champion now is (or already was, by this decision) the challenger. */
    public boolean promoted() {
      return decision.outcome() == Outcome.PROMOTED;
    }
  }

  /**
   * Runs the lifecycle step.
   *
   * @throws dev.tripcast.errors.InvalidInputException if a month is missing or unusable, or the
   *     champion trained on the evaluation month
   * @throws dev.tripcast.errors.ConcurrentChangeException if another run moved the champion at the same moment
   */
  public static Result run(RunContext context, Request request) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    warehouse.check(ModelAliases.TABLE, ErrorReport.TABLE);
    ModelRegistry registry = context.registry();
    ModelAliases aliases = context.aliases();
    List<YearMonth> trainMonths = request.trainMonths(settings.lifecycle().trainWindowMonths());
    List<YearMonth> evalMonths = List.of(request.evalMonth());
    if (trainMonths.contains(request.evalMonth())) {
      throw new TrainedOnEvalMonthException("the challenger", request.evalMonth(), trainMonths);
    }
    String fingerprint = TrainingFingerprint.of(settings, spark.sparkContext().hadoopConfiguration(),
        request.taxiType(), trainMonths, evalMonths);
    List<String> notices = new ArrayList<>();
    // no champion to compare with yet: the registry's first version becomes it, as score would do
    context.models().pendingFirstChampion()
        .flatMap(first -> context.models().record(first, run.id())).ifPresent(notices::add);
    ModelAliases.State state = aliases.state();
    List<String> versions = registry.versions();
    Optional<String> champion = state.alias(ModelAliases.CHAMPION).version();

    Optional<Event> earlier = earlierDecision(state, fingerprint, request.evalMonth(), champion);
    if (earlier.isPresent()) {
      return repeat(aliases, state, earlier.get(), settings, trainMonths, run).withNotices(notices);
    }

    Optional<String> reusable = reusableVersion(registry, aliases, state, versions, fingerprint, run);
    Optional<TrainJob.Result> trained = Optional.empty();
    String challenger;
    if (reusable.isPresent()) {
      challenger = reusable.get();
      LOG.info("challenger {}: registered earlier with the same fingerprint {}, not trained again", challenger, fingerprint);
    } else {
      trained = Optional.of(TrainJob.run(context, new TrainJob.Request(request.taxiType(), trainMonths, evalMonths)));
      challenger = trained.get().saved().version();
    }
    List<Event> written = new ArrayList<>();
    ModelAliases.State now = aliases.state();
    if (now.alias(ModelAliases.CHALLENGER).version().filter(challenger::equals).isEmpty()) {
      written.add(aliases.promote(now, ModelAliases.CHALLENGER, challenger, run.id(),
          "retrain for " + request.evalMonth() + ": trained on " + trainMonths, Map.of()));
    }

    if (champion.filter(challenger::equals).isPresent()) {
      ChallengerDecision same = new ChallengerDecision(Outcome.KEPT_CHAMPION, List.of(), settings.lifecycle(),
          List.of("the champion " + challenger + " is this very training (same fingerprint): nothing to compare"));
      return new Result(same, challenger, challenger, trained, trainMonths, Optional.empty(), Optional.empty(), written,
          notices);
    }
    if (champion.isEmpty()) {
      return firstChampion(aliases, challenger, fingerprint, request, trainMonths, trained, written, settings, run)
          .withNotices(notices);
    }
    String championVersion = champion.get();
    SavedModel championModel = registry.load(ModelRef.parse("model_registry", championVersion));
    if (championModel.card().trainMonths().contains(request.evalMonth().toString())) {
      throw new TrainedOnEvalMonthException("the champion " + championVersion, request.evalMonth(),
          championModel.card().trainMonths());
    }
    SavedModel challengerModel = registry.load(ModelRef.parse("model_registry", challenger));
    ChallengerEvaluation evaluation = ChallengerEvaluation.run(context, request.taxiType(), request.evalMonth(),
        championModel, challengerModel);
    ChallengerDecision decision = ChallengerDecision.decide(settings.lifecycle(), evaluation.segments());
    LOG.info("retrain {} on {}: {}", challenger, request.evalMonth(), decision.summary());

    Map<String, String> details = new LinkedHashMap<>();
    details.put(OUTCOME, decision.outcome().id());
    details.put(EVAL_MONTHS, request.evalMonth().toString());
    details.put(TRAIN_MONTHS, trainMonths.toString());
    details.put(CHAMPION, championVersion);
    details.put(TrainJob.FINGERPRINT, fingerprint);
    Event evaluated = aliases.record(ModelAliases.EVALUATED, challenger, championVersion, run.id(), decision.summary(),
        decision.metrics(), details);
    written.add(evaluated);
    LOG.info("recorded the decision as model_registry event {} ({})", evaluated.eventId(), decision.outcome().id());
    if (decision.outcome() == Outcome.PROMOTED) {
      written.addAll(apply(aliases, aliases.state(), evaluated, run.id()));
    }
    return new Result(decision, championVersion, challenger, trained, trainMonths, Optional.of(evaluation.errorReport()),
        Optional.empty(), written, notices);
  }

  /**
   * A saved version with this training fingerprint: a registered one, else one whose run died
   * between saving it and registering it (its card has the fingerprint; it is registered now).
   */
  private static Optional<String> reusableVersion(ModelRegistry registry, ModelAliases aliases,
      ModelAliases.State state, List<String> versions, String fingerprint, RunInfo run) {
    Set<String> registered = new HashSet<>();
    Optional<String> found = Optional.empty();
    for (Event e : state.events()) {
      if (ModelAliases.REGISTERED.equals(e.event())) {
        registered.add(e.version());
        if (e.detail(TrainJob.FINGERPRINT).filter(fingerprint::equals).isPresent() && versions.contains(e.version())) {
          found = Optional.of(e.version());
        }
      }
    }
    if (found.isPresent()) {
      return found;
    }
    for (String v : versions) {
      if (registered.contains(v)) {
        continue;
      }
      ModelCard card = registry.card(v).card();
      if (fingerprint.equals(card.fingerprint())) {
        aliases.register(v, run.id(), "saved by run " + card.runId() + ", which died before registering it",
            Map.of(), Map.of(TrainJob.FINGERPRINT, fingerprint));
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The latest decision on the same challenger fingerprint and evaluation month that still holds:
   * the champion it was measured against still serves, or it promoted the challenger that serves now.
   */
  private static Optional<Event> earlierDecision(ModelAliases.State state, String fingerprint, YearMonth evalMonth,
      Optional<String> champion) {
    return state.events().stream()
        .filter(e -> ModelAliases.EVALUATED.equals(e.event()))
        .filter(e -> e.detail(TrainJob.FINGERPRINT).filter(fingerprint::equals).isPresent())
        .filter(e -> e.detail(EVAL_MONTHS).filter(evalMonth.toString()::equals).isPresent())
        .filter(e -> champion.isEmpty() || champion.get().equals(e.previousVersion())
            || (champion.get().equals(e.version()) && Outcome.PROMOTED.id().equals(e.details().get(OUTCOME))))
        .max(Comparator.comparing(Event::time));
  }

  /** Repeats an earlier decision without evaluating again, finishing its promotion if a killed run left it undone. */
  private static Result repeat(ModelAliases aliases, ModelAliases.State state, Event decided, Settings settings,
      List<YearMonth> trainMonths, RunInfo run) {
    ChallengerDecision decision = new ChallengerDecision(Outcome.of(decided.details().get(OUTCOME)),
        ChallengerDecision.segmentsOf(decided.metrics()), settings.lifecycle(), List.of(decided.reason()));
    LOG.info("retrain: the same challenger {} was evaluated on {} by run {}: {}", decided.version(),
        decided.details().get(EVAL_MONTHS), decided.runId(), decided.details().get(OUTCOME));
    List<Event> written = decision.outcome() == Outcome.PROMOTED ? apply(aliases, state, decided, run.id()) : List.of();
    return new Result(decision, decided.previousVersion(), decided.version(), Optional.empty(), trainMonths,
        Optional.empty(), Optional.of(decided), written, List.of());
  }

  /**
   * Applies a promotion decision: moves {@code @champion} to the challenger (one Delta commit
   * carrying the decision's id) unless a move with that id exists, then records the replaced
   * champion as {@code archived} unless that is recorded. A promotion rolled back since is not
   * applied again: the rollback was a later decision.
   */
  private static List<Event> apply(ModelAliases aliases, ModelAliases.State state, Event decided, String runId) {
    List<Event> written = new ArrayList<>();
    String decisionId = decided.details().getOrDefault(DECISION_ID, decided.eventId());
    boolean moved = state.events().stream().anyMatch(e -> ModelAliases.CHAMPION.equals(e.alias())
        && e.aliasSeq() != null && e.detail(DECISION_ID).filter(decisionId::equals).isPresent());
    if (!moved) {
      Optional<String> current = state.alias(ModelAliases.CHAMPION).version();
      if (current.filter(decided.version()::equals).isEmpty()) {
        written.add(aliases.promote(state, ModelAliases.CHAMPION, decided.version(), runId, decided.reason(),
            decided.metrics(), Map.of(DECISION_ID, decisionId)));
      }
    }
    String replaced = decided.previousVersion();
    boolean archived = state.events().stream().anyMatch(e -> ModelAliases.ARCHIVED.equals(e.event())
        && e.detail(DECISION_ID).filter(decisionId::equals).isPresent());
    if (replaced != null && !archived) {
      written.add(aliases.record(ModelAliases.ARCHIVED, replaced, null, runId,
          "replaced as champion by " + decided.version(), Map.of(), Map.of(DECISION_ID, decisionId)));
    }
    return written;
  }

  /** No champion to compare with: the challenger becomes the first champion. */
  private static Result firstChampion(ModelAliases aliases, String challenger, String fingerprint, Request request,
      List<YearMonth> trainMonths, Optional<TrainJob.Result> trained, List<Event> written, Settings settings,
      RunInfo run) {
    ChallengerDecision decision = new ChallengerDecision(Outcome.PROMOTED, List.of(), settings.lifecycle(),
        List.of("the registry had no champion: " + challenger + " is the first"));
    Map<String, String> details = Map.of(OUTCOME, Outcome.PROMOTED.id(), EVAL_MONTHS, request.evalMonth().toString(),
        TRAIN_MONTHS, trainMonths.toString(), TrainJob.FINGERPRINT, fingerprint);
    Event evaluated = aliases.record(ModelAliases.EVALUATED, challenger, null, run.id(), decision.summary(), Map.of(),
        details);
    written.add(evaluated);
    written.addAll(apply(aliases, aliases.state(), evaluated, run.id()));
    return new Result(decision, null, challenger, trained, trainMonths, Optional.empty(), Optional.empty(), written, List.of());
  }
}
