package sparkdgd.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockPasses;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.loss.LossEvaluation;
import sparkdgd.loss.SquaredLoss;

/**
 * Our side of the benchmark, through {@link DistributedLoss} only: one epoch is one
 * {@link DistributedLoss#evaluate} pass (broadcast, kernel over the cached blocks, exact treeAggregate),
 * and plain gradient descent without standardization is that pass plus {@code theta -= eta * gradient}.
 */
public final class OurDescent {
  private final DistributedLoss loss;

  private int iteration;

  public OurDescent(JavaSparkContext jsc, JavaRDD<Block> blocks, int features, long rows) {
    this(jsc, BlockPass.jobs(blocks), features, rows);
  }

  /** Passes run by {@code passes}: one Spark job each, or rounds of resident tasks. */
  public OurDescent(JavaSparkContext jsc, BlockPasses passes, int features, long rows) {
    this.loss = new DistributedLoss(jsc, passes, FeatureScaling.identity(features), rows, new SquaredLoss());
  }

  /**
   * One mini-batch iteration's pass: the rows a {@code fraction} sample in runs of {@code runRows} chooses, a
   * new sample each call.
   */
  public LossEvaluation miniBatch(double[] theta, double fraction, int runRows) {
    iteration++;
    return loss.evaluate(theta, sparkdgd.block.RowSampler.sample(fraction, runRows, 1L, iteration),
        "benchmark: our mini-batch iteration");
  }

  /** One epoch's pass at {@code theta} (raw coefficients, intercept last). */
  public LossEvaluation epoch(double[] theta) {
    return loss.evaluate(theta, "benchmark: our epoch");
  }

  /**
   * {@code k} steps from zero with MLlib's step rule ({@link StepRule#ourStep}); returns
   * {@code [w_0..w_{d-1}, b]}.
   */
  public double[] descend(double mllibStep, int k) {
    double[] theta = new double[loss.dims() + 1];
    for (int i = 1; i <= k; i++) {
      double[] g = loss.evaluate(theta, "benchmark: our gradient descent " + i + "/" + k).gradient();
      double eta = StepRule.ourStep(mllibStep, i);
      for (int j = 0; j < theta.length; j++) {
        theta[j] -= eta * g[j];
      }
    }
    return theta;
  }
}
