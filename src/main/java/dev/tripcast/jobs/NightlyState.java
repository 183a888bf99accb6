package dev.tripcast.jobs;

import dev.tripcast.model.ModelAliases;
import dev.tripcast.monitoring.CheckRule;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code tripcast nightly} branches on between its steps: which model version serves the
 * month (the version its monitoring read from {@code scored_trips}), which version is
 * {@code @champion} ({@code model_registry}), and which fired rules of the month's checks ask for
 * a retrain. Built from the steps' typed results ({@link #of}).
 *
 * @param served the version whose predictions {@code scored_trips} holds for the month, if scored
 * @param champion the version {@code @champion} names, if set
 * @param retrainAskedBy the rules with action RETRAIN whose status is warn or error on the month,
 *     for the served version, in name order (empty when none fired)
 */
public record NightlyState(Optional<String> served, Optional<String> champion, List<String> retrainAskedBy) {

  /** The state after monitoring {@code monitored}, with the champion the registry names now. */
  static NightlyState of(MonitorJob.Result monitored, ModelAliases aliases) {
    List<String> asking = monitored.fired().stream()
        .filter(o -> o.rule().action() == CheckRule.Action.RETRAIN)
        .map(o -> o.rule().name()).sorted().toList();
    return new NightlyState(Optional.of(monitored.modelVersion()), champion(aliases), asking);
  }

  /** The same month and checks, with the champion the registry names now (after a retrain). */
  NightlyState withChampionOf(ModelAliases aliases) {
    return new NightlyState(served, champion(aliases), retrainAskedBy);
  }

  private static Optional<String> champion(ModelAliases aliases) {
    return aliases.state().alias(ModelAliases.CHAMPION).version();
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
