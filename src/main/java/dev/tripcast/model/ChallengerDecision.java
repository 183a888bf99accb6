package dev.tripcast.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The champion/challenger comparison of {@code retrain} and its outcome, as the course does it
 * before moving a model to production (compare both on a newer month; keep the champion unless
 * the challenger is better), with the thresholds of a {@link PromotionPolicy}:
 *
 * <ul>
 *   <li>promoted: champion RMSE − challenger RMSE ≥ margin on all compared trips, <b>and</b> on
 *       each of the seen-pair and unseen-pair trips (with at least one trip) challenger RMSE −
 *       champion RMSE ≤ tolerance;
 *   <li>kept_champion: otherwise, with every rule that failed as a reason.
 * </ul>
 *
 * <p>Segments are the champion's: a trip is "seen" if the champion's training months held its
 * PU_DO pair, so both models are judged on the same trips in every segment.
 *
 * @param outcome promoted or kept_champion
 * @param segments overall first, then seen and unseen (absent when empty)
 * @param policy the thresholds applied
 * @param reasons one line per rule that decided, e.g. "overall RMSE 7.0810 vs 7.4993: better by 0.4183 ≥ margin 0.05"
 */
public record ChallengerDecision(Outcome outcome, List<Segment> segments, PromotionPolicy policy, List<String> reasons) {

  /** The outcome, as recorded in {@code model_registry} ({@code details.outcome}). */
  public enum Outcome {
    PROMOTED("promoted"),
    KEPT_CHAMPION("kept_champion");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    /** "promoted" or "kept_champion". */
    public String id() {
      return id;
    }

    /** The outcome with this id. */
    public static Outcome of(String id) {
      for (Outcome o : values()) {
        if (o.id.equals(id)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown decision outcome " + id);
    }
  }

  /** Segment name of all compared trips. */
  public static final String OVERALL = "overall";
  /** Segment name of trips whose PU_DO pair the champion saw in training. */
  public static final String SEEN = "seen";
  /** Segment name of trips whose PU_DO pair the champion never saw. */
  public static final String UNSEEN = "unseen";

  /**
   * Both models' error on one segment of the same trips.
   *
   * @param name overall, seen or unseen
   * @param n trips compared (both models scored them), &gt; 0
   * @param championRmse minutes
   * @param challengerRmse minutes
   */
  public record Segment(String name, long n, double championRmse, double challengerRmse) {
    /** challenger − champion, minutes: negative when the challenger is better. */
    public double change() {
      return challengerRmse - championRmse;
    }
  }

  /**
   * Applies the policy.
   *
   * @param segments the compared segments; must hold {@link #OVERALL}
   * @throws IllegalArgumentException if there is no overall segment or an RMSE is not finite
   */
  public static ChallengerDecision decide(PromotionPolicy policy, List<Segment> segments) {
    Segment overall = segments.stream().filter(s -> OVERALL.equals(s.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no overall segment in " + segments));
    for (Segment s : segments) {
      if (!Double.isFinite(s.championRmse()) || !Double.isFinite(s.challengerRmse())) {
        throw new IllegalArgumentException("RMSE not finite in segment " + s);
      }
    }
    List<String> failed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    double gain = -overall.change();
    String overallLine = String.format(Locale.ROOT, "overall RMSE %.4f vs champion %.4f: %s by %.4f (margin %.4f)",
        overall.challengerRmse(), overall.championRmse(), gain >= 0 ? "better" : "worse", Math.abs(gain),
        policy.marginMinutes());
    (gain >= policy.marginMinutes() ? passed : failed).add(overallLine);
    for (Segment s : segments) {
      if (s == overall) {
        continue;
      }
      String line = String.format(Locale.ROOT, "%s-pair RMSE %.4f vs champion %.4f: change %+.4f (tolerance +%.4f)",
          s.name(), s.challengerRmse(), s.championRmse(), s.change(), policy.segmentToleranceMinutes());
      (s.change() <= policy.segmentToleranceMinutes() ? passed : failed).add(line);
    }
    return failed.isEmpty()
        ? new ChallengerDecision(Outcome.PROMOTED, List.copyOf(segments), policy, passed)
        : new ChallengerDecision(Outcome.KEPT_CHAMPION, List.copyOf(segments), policy, failed);
  }

  /** A segment by name. */
  public Optional<Segment> segment(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The figures as {@code model_registry} and {@code runs} store them: per segment
   * {@code <segment>_n}, {@code <segment>_champion_rmse}, {@code <segment>_challenger_rmse}, then
   * {@code promote_margin_minutes} and {@code segment_tolerance_minutes}.
   */
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Segment s : segments) {
      out.put(s.name() + "_n", (double) s.n());
      out.put(s.name() + "_champion_rmse", s.championRmse());
      out.put(s.name() + "_challenger_rmse", s.challengerRmse());
    }
    out.put("promote_margin_minutes", policy.marginMinutes());
    out.put("segment_tolerance_minutes", policy.segmentToleranceMinutes());
    return out;
  }

  /** Rebuilds the segments from {@link #metrics()} (a decision read back from {@code model_registry}). */
  public static List<Segment> segmentsOf(Map<String, Double> metrics) {
    List<Segment> out = new ArrayList<>();
    for (String name : List.of(OVERALL, SEEN, UNSEEN)) {
      Double n = metrics.get(name + "_n");
      if (n != null) {
        out.add(new Segment(name, n.longValue(), metrics.get(name + "_champion_rmse"),
            metrics.get(name + "_challenger_rmse")));
      }
    }
    return out;
  }

  /** One line: the outcome and the reasons. */
  public String summary() {
    return outcome.id() + ": " + String.join("; ", reasons);
  }
}
