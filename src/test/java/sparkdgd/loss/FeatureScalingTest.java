package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {
  private static final double[] MEANS = {10, -3};
  private static final double[] STD = {2, 0.5};

  @Test
  void rawCoefficientsPredictWhatTheStandardizedModelPredicts() {
    FeatureScaling s = FeatureScaling.standardize(MEANS, STD);
    double[] theta = {1.5, -0.25, 7};
    double[] raw = s.toRaw(theta);
    double[] x = {12.3, -2.1};
    double standardized = theta[0] * (x[0] - 10) / 2 + theta[1] * (x[1] + 3) / 0.5 + theta[2];
    assertEquals(standardized, raw[0] * x[0] + raw[1] * x[1] + raw[2], 1e-12);
  }

  @Test
  void internalGradientMatchesFiniteDifferencesThroughTheMapping() {
    Random rnd = new Random(5);
    int n = 50;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = 10 + 2 * rnd.nextGaussian();
      x[i][1] = -3 + 0.5 * rnd.nextGaussian();
      y[i] = rnd.nextGaussian();
    }
    FeatureScaling s = FeatureScaling.standardize(MEANS, STD);
    double[] theta = {0.4, -1.2, 0.3};
    double[] raw = s.toRaw(theta);
    double[] sums = new double[3]; // sum r x_0, sum r x_1, sum r
    for (int i = 0; i < n; i++) {
      double r = raw[0] * x[i][0] + raw[1] * x[i][1] + raw[2] - y[i];
      sums[0] += r * x[i][0];
      sums[1] += r * x[i][1];
      sums[2] += r;
    }
    double[] g = s.internalGradient(sums, n);
    double h = 1e-5;
    for (int k = 0; k < 3; k++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (mse(x, y, s.toRaw(up)) - mse(x, y, s.toRaw(down))) / (2 * h);
      assertEquals(numeric, g[k], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + k);
    }
  }

  @Test
  void internalParametersOfRawOnesAreTheInverseMapping() {
    FeatureScaling s = FeatureScaling.standardize(MEANS, STD);
    double[] raw = {1.5, -0.25, 7};
    double[] theta = s.toInternal(raw);
    // the same predictions: theta_j (x_j - mean_j) / std_j + theta_d = raw . x + b for every x
    double[] x = {12.3, -2.1};
    assertEquals(raw[0] * x[0] + raw[1] * x[1] + raw[2],
        theta[0] * (x[0] - 10) / 2 + theta[1] * (x[1] + 3) / 0.5 + theta[2], 1e-12);
    assertArrayEquals(raw, s.toRaw(theta), 1e-12);
  }

  @Test
  void withoutAnInterceptNothingIsCentredAndTheInterceptStaysZero() {
    FeatureScaling s = FeatureScaling.standardize(new double[2], STD).withoutIntercept();
    assertArrayEquals(new double[] {1.5 / 2, -0.25 / 0.5, 0}, s.toRaw(new double[] {1.5, -0.25, 9}), 0.0);
    assertArrayEquals(new double[] {3, -0.125, 0}, s.toInternal(new double[] {1.5, -0.25, 0}), 0.0);
    assertEquals(0.0, s.internalGradient(new double[] {4, 6, 8}, 2)[2], 0.0, "no gradient for the intercept");
    assertEquals(2.0 / 2 * 4 / 2, s.internalGradient(new double[] {4, 6, 8}, 2)[0], 0.0);
  }

  @Test
  void identityLeavesParametersAndGradientsAlone() {
    FeatureScaling s = FeatureScaling.identity(2);
    assertArrayEquals(new double[] {1, 2, 3}, s.toRaw(new double[] {1, 2, 3}), 0.0);
    assertArrayEquals(new double[] {2.0 / 4 * 8, 2.0 / 4 * 6, 2.0 / 4 * 2},
        s.internalGradient(new double[] {8, 6, 2}, 4), 0.0);
  }

  @Test
  void constantFeatureKeepsScaleOne() {
    FeatureScaling s = FeatureScaling.standardize(new double[] {5}, new double[] {0});
    // centred only: w = theta / 1, b = theta_b - w * 5
    assertArrayEquals(new double[] {2, 3 - 2 * 5}, s.toRaw(new double[] {2, 3}), 0.0);
  }

  private static double mse(double[][] x, double[] y, double[] c) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double r = c[0] * x[i][0] + c[1] * x[i][1] + c[2] - y[i];
      s += r * r;
    }
    return s / y.length;
  }
}
