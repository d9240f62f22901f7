package sparkdgd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorSumsTest {
  private static final double[] Y = {3, 5, 4, 10};
  private static final double[] P = {2.5, 5, 6, 9};

  @Test
  void metricsByHand() {
    ErrorSums s = new ErrorSums();
    for (int i = 0; i < Y.length; i++) {
      s.add(Y[i], P[i]);
    }
    RegressionMetrics m = s.metrics();
    double sse = 0.25 + 0 + 4 + 1;      // residuals -0.5, 0, 2, -1
    double mean = (3 + 5 + 4 + 10) / 4.0;   // 5.5
    double sst = 6.25 + 0.25 + 2.25 + 20.25;
    assertEquals(4, m.rows());
    assertEquals(sse / 4, m.mse(), 1e-15);
    assertEquals(Math.sqrt(sse / 4), m.rmse(), 1e-15);
    assertEquals((0.5 + 0 + 2 + 1) / 4, m.mae(), 1e-15);
    assertEquals(1 - sse / sst, m.r2(), 1e-15);
    assertEquals(mean, m.labelMean(), 1e-15);
  }

  @Test
  void huberLossByHandOnlyWithADelta() {
    ErrorSums s = new ErrorSums(1.5);
    for (int i = 0; i < Y.length; i++) {
      s.add(Y[i], P[i]);
    }
    // residuals -0.5, 0, 2, -1 at delta 1.5: r^2/2 within, 1.5 (|r| - 0.75) beyond (the 2 only)
    double huber = (0.125 + 0 + 1.5 * (2 - 0.75) + 0.5) / 4;
    assertEquals(huber, s.metrics().huber(), 1e-15);
    ErrorSums halves = new ErrorSums().merge(new ErrorSums(1.5).add(Y[0], P[0]).add(Y[1], P[1]))
        .merge(new ErrorSums(1.5).add(Y[2], P[2]).add(Y[3], P[3]));
    assertEquals(huber, halves.metrics().huber(), 1e-15, "merged into a sum without a delta");
    assertTrue(Double.isNaN(new ErrorSums().add(3, 2.5).metrics().huber()), "no delta, no Huber loss");
  }

  @Test
  void anySplitMergesToTheSameMetrics() {
    ErrorSums all = new ErrorSums();
    for (int i = 0; i < Y.length; i++) {
      all.add(Y[i], P[i]);
    }
    for (int cut = 0; cut <= Y.length; cut++) {
      ErrorSums a = new ErrorSums();
      ErrorSums b = new ErrorSums();
      for (int i = 0; i < Y.length; i++) {
        (i < cut ? a : b).add(Y[i], P[i]);
      }
      RegressionMetrics m = new ErrorSums().merge(a).merge(new ErrorSums()).merge(b).metrics();
      assertEquals(all.metrics().mse(), m.mse(), 1e-15, "cut " + cut);
      assertEquals(all.metrics().r2(), m.r2(), 1e-15, "cut " + cut);
      assertEquals(all.metrics().labelMean(), m.labelMean(), 1e-15, "cut " + cut);
    }
  }

  @Test
  void largeOffsetLabelsKeepTheirVariance() {
    // sum y^2 - n mean^2 would lose every digit here: y = 1e9 + {0, 1, 2}, SST = 2 exactly
    ErrorSums s = new ErrorSums().add(1e9, 1e9).add(1e9 + 1, 1e9).add(1e9 + 2, 1e9);
    assertEquals(1 - 5.0 / 2.0, s.metrics().r2(), 1e-9);
  }

  @Test
  void constantLabelsHaveNoR2AndNoRowsIsAnError() {
    assertTrue(Double.isNaN(new ErrorSums().add(1, 2).add(1, 0).metrics().r2()));
    assertThrows(IllegalStateException.class, () -> new ErrorSums().metrics());
  }
}
