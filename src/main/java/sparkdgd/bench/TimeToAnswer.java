package sparkdgd.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.optim.LearningRateEstimator;
import sparkdgd.optim.Lbfgs;
import sparkdgd.optim.Objective;
import sparkdgd.optim.Regularization;
import sparkdgd.train.Checkpointer;
import sparkdgd.train.ProgressListener;
import sparkdgd.train.Trainer;

/**
 * Our fastest way from cached blocks to the least-squares answer, as the trainer does it with
 * {@code --optimizer lbfgs}: the two statistics passes, standardization, the step estimate, then L-BFGS
 * until the gradient norm (of the standardized problem) is below {@link #GRADIENT_TOL}. The stopping rule
 * knows nothing of the answer: the benchmark compares the result with ML's normal-equation solution
 * afterwards.
 */
public final class TimeToAnswer {
  static final double GRADIENT_TOL = 1e-9;
  static final int MAX_PASSES = 500;

  /** The coefficients reached ({@code [w_0..w_{d-1}, b]}, raw units) and the data passes spent. */
  public record Answer(double[] coefficients, double passes) {}

  private TimeToAnswer() {}

  public static Answer solve(JavaSparkContext jsc, JavaRDD<Block> blocks, int d) {
    jsc.setJobDescription("benchmark: time to the answer");
    try {
      return solveDescribed(jsc, blocks, d);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static Answer solveDescribed(JavaSparkContext jsc, JavaRDD<Block> blocks, int d) {
    ColumnStatistics stats = ColumnStatistics.withDeviations(blocks, ColumnStatistics.meansOnly(blocks, d));
    FeatureScaling scaling = FeatureScaling.standardize(stats.featureMeans(), stats.featureStd());
    DistributedLoss loss = new DistributedLoss(jsc, blocks, scaling, stats.rows());
    LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(loss);
    double step = 1.0 / e.curvature(1.0, 0.0);
    Trainer.Settings settings = new Trainer.Settings(MAX_PASSES, 0, GRADIENT_TOL, 1, 1.0, 1, 1L, 0, 1);
    Trainer.Result r = new Trainer(settings, new Lbfgs(step), step, false, ProgressListener.NONE)
        .run(new Objective(loss, Regularization.none(d)), null, null, Checkpointer.NONE);
    return new Answer(scaling.toRaw(r.theta()), r.passes() + 2 + e.passes());
  }

  /** {@code max |a - b| / max |b|} over coefficients and intercept. */
  public static double relativeDifference(double[] a, double[] b) {
    double diff = 0;
    double scale = 0;
    for (int j = 0; j < b.length; j++) {
      diff = Math.max(diff, Math.abs(a[j] - b[j]));
      scale = Math.max(scale, Math.abs(b[j]));
    }
    return diff / scale;
  }
}
