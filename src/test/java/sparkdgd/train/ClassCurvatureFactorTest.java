package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.config.ClassWeights;

/**
 * The factor by which class weights can raise a mean of positive terms (the data's curvature, for the gradient floor):
 * it bounds the class-weighted mean over the rows' own mean for any terms, reaches the bound when the terms sit in the
 * heavier class, and is far below the larger weight over the smaller where that class is rare.
 */
class ClassCurvatureFactorTest {
  @Test
  void theFactorBoundsTheClassWeightedMeanOfAnyPositiveTerms() {
    Random rnd = new Random(4);
    int n = 2000;
    double[] w = new double[n];
    boolean[] positive = new boolean[n];
    double[] sums = new double[4]; // weights and squares of class 0, class 1
    for (int i = 0; i < n; i++) {
      w[i] = 0.2 + 2.8 * rnd.nextDouble();
      positive[i] = rnd.nextInt(20) == 0;
      sums[positive[i] ? 1 : 0] += w[i];
      sums[positive[i] ? 3 : 2] += w[i] * w[i];
    }
    TrainingJob.BinaryLabels labels = new TrainingJob.BinaryLabels(true, 0, 0, new double[] {sums[0], sums[1]},
        new double[] {sums[2], sums[3]});
    ClassWeights classes = new ClassWeights(false, 1, 1000);
    double factor = labels.curvatureFactor(classes);
    assertTrue(factor < 100 && factor > 1, "1,1000 on 5% positives: " + factor);
    assertEquals(1, labels.curvatureFactor(ClassWeights.NONE), 0.0);
    // equal weights, however large, raise no mean (their products had overflowed to NaN)
    assertEquals(1, labels.curvatureFactor(new ClassWeights(false, 1e305, 1e305)), 1e-15);
    double worst = 0;
    for (int trial = 0; trial < 200; trial++) {
      double own = 0;
      double weighted = 0;
      double cw = 0;
      for (int i = 0; i < n; i++) {
        // terms that favour one class or the other, or neither
        double t = rnd.nextDouble() * (trial % 3 == 0 ? (positive[i] ? 10 : 0.01) : trial % 3 == 1 ? 1 : 5);
        double c = positive[i] ? 1000 : 1;
        own += w[i] * t;
        weighted += c * w[i] * t;
        cw += c * w[i];
      }
      double ratio = (weighted / cw) / (own / (sums[0] + sums[1]));
      assertTrue(ratio <= factor * (1 + 1e-12), "trial " + trial + ": " + ratio + " above " + factor);
      worst = Math.max(worst, ratio);
    }
    assertTrue(worst > 0.5 * factor, "terms in the heavier class come near the bound: " + worst + " of " + factor);
  }
}
