package sparkdgd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A margin that overflowed to an infinity scores 0 when right and infinity when wrong, not NaN. */
class ClassificationRowLossTest {

  @Test
  void infiniteMarginsGiveZeroWhenRightAndInfinityWhenWrong() {
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(0.0, ClassificationMetrics.rowLoss(inf, 1), 0.0);
    assertEquals(0.0, ClassificationMetrics.rowLoss(-inf, 0), 0.0);
    assertEquals(inf, ClassificationMetrics.rowLoss(inf, 0), 0.0);
    assertEquals(inf, ClassificationMetrics.rowLoss(-inf, 1), 0.0);
  }

  @Test
  void finiteMarginsAreTheSoftplusFormula() {
    // log(1 + e^m) - y m, written out: m = 2, y = 0 and y = 1; m = -800, y = 1 (the wrong side: 800)
    assertEquals(Math.log(1 + Math.exp(2)), ClassificationMetrics.rowLoss(2, 0), 1e-15);
    assertEquals(Math.log(1 + Math.exp(2)) - 2, ClassificationMetrics.rowLoss(2, 1), 1e-15);
    assertEquals(800, ClassificationMetrics.rowLoss(-800, 1), 0.0);
  }
}
