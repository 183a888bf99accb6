package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.model.ChallengerDecision.Outcome;
import dev.tripcast.model.ChallengerDecision.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengerDecisionTest {
  private static final PromotionPolicy POLICY = new PromotionPolicy(2, 0.05, 0.25);

  @Test
  void promotedWhenBetterByTheMarginAndNoSegmentWorseThanTheTolerance() {
    ChallengerDecision d = ChallengerDecision.decide(POLICY, List.of(
        new Segment("overall", 82_738, 7.4993, 7.0810), new Segment("seen", 74_829, 6.8435, 6.5431),
        new Segment("unseen", 7_909, 12.0511, 12.2000)));

    assertEquals(Outcome.PROMOTED, d.outcome());
    assertEquals(List.of("overall RMSE 7.0810 vs champion 7.4993: better by 0.4183 (margin 0.0500)",
        "seen-pair RMSE 6.5431 vs champion 6.8435: change -0.3004 (tolerance +0.2500)",
        "unseen-pair RMSE 12.2000 vs champion 12.0511: change +0.1489 (tolerance +0.2500)"), d.reasons());
  }

  @Test
  void keptWhenTheGainIsBelowTheMarginOrASegmentRegressesAndEveryFailedRuleIsAReason() {
    ChallengerDecision small = ChallengerDecision.decide(POLICY, List.of(new Segment("overall", 10, 7.00, 6.96)));
    assertEquals(Outcome.KEPT_CHAMPION, small.outcome());
    assertEquals(List.of("overall RMSE 6.9600 vs champion 7.0000: better by 0.0400 (margin 0.0500)"), small.reasons());

    ChallengerDecision regressed = ChallengerDecision.decide(POLICY, List.of(new Segment("overall", 10, 7.5, 7.0),
        new Segment("seen", 8, 6.8, 6.5), new Segment("unseen", 2, 12.0, 12.3)));
    assertEquals(Outcome.KEPT_CHAMPION, regressed.outcome());
    assertEquals(List.of("unseen-pair RMSE 12.3000 vs champion 12.0000: change +0.3000 (tolerance +0.2500)"),
        regressed.reasons());

    ChallengerDecision worse = ChallengerDecision.decide(POLICY, List.of(new Segment("overall", 10, 7.0, 9.0)));
    assertEquals("kept_champion: overall RMSE 9.0000 vs champion 7.0000: worse by 2.0000 (margin 0.0500)",
        worse.summary());
  }

  @Test
  void itsFiguresRoundTripThroughTheRegistryMetrics() {
    List<Segment> segments = List.of(new Segment("overall", 10, 7.5, 7.0), new Segment("seen", 8, 6.8, 6.5),
        new Segment("unseen", 2, 12.0, 12.1));
    ChallengerDecision d = ChallengerDecision.decide(POLICY, segments);

    assertEquals(segments, ChallengerDecision.segmentsOf(d.metrics()));
    assertEquals(0.05, d.metrics().get("promote_margin_minutes"));
    assertEquals(0.25, d.metrics().get("segment_tolerance_minutes"));
  }

  @Test
  void refusesAComparisonWithoutAnOverallSegmentOrWithANonFiniteRmse() {
    assertThrows(IllegalArgumentException.class,
        () -> ChallengerDecision.decide(POLICY, List.of(new Segment("seen", 1, 1, 1))));
    assertThrows(IllegalArgumentException.class,
        () -> ChallengerDecision.decide(POLICY, List.of(new Segment("overall", 1, Double.NaN, 1))));
    assertThrows(IllegalArgumentException.class, () -> new PromotionPolicy(0, 0.05, 0.25));
  }
}
