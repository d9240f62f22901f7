package sparkdgd.loss;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;

/**
 * The squared loss of a linear model over the cached blocks. Each evaluation is one pass: the
 * driver broadcasts the raw coefficients, every partition sums its blocks with
 * {@link SquaredLossKernel}, {@code treeAggregate} adds the partitions, and the driver divides by the
 * global row count. The broadcast is destroyed afterwards, so memory does not grow with epochs.
 */
public final class DistributedLoss {
  private final JavaSparkContext jsc;
  private final JavaRDD<Block> blocks;
  private final FeatureScaling scaling;
  private final long rows;

  /**
   * @param rows the data's row count, known from the statistics pass; every evaluation checks it
   */
  public DistributedLoss(JavaSparkContext jsc, JavaRDD<Block> blocks, FeatureScaling scaling, long rows) {
    this.jsc = jsc;
    this.blocks = blocks;
    this.scaling = scaling;
    this.rows = rows;
  }

  public int dims() {
    return scaling.dims();
  }

  public long rows() {
    return rows;
  }

  public FeatureScaling scaling() {
    return scaling;
  }

  /** MSE and its gradient at internal parameters {@code theta}. */
  public LossEvaluation evaluate(double[] theta, String jobDescription) {
    BlockPass.Totals t = pass(theta, 1.0, jobDescription);
    double mse = t.sums()[dims() + 1] / t.rows();
    return new LossEvaluation(mse, scaling.internalGradient(t.sums(), t.rows()), t.rows());
  }

  /** The Hessian of the MSE (internal parameters) times {@code v}: the gradient with the labels zeroed. */
  public double[] hessianTimes(double[] v, String jobDescription) {
    BlockPass.Totals t = pass(v, 0.0, jobDescription);
    return scaling.internalGradient(t.sums(), t.rows());
  }

  private BlockPass.Totals pass(double[] theta, double labelWeight, String jobDescription) {
    Broadcast<double[]> coef = jsc.broadcast(scaling.toRaw(theta));
    try {
      jsc.setJobDescription(jobDescription);
      BlockPass.Totals t = BlockPass.run(blocks,
          (block, acc) -> SquaredLossKernel.addBlock(block, coef.value(), labelWeight, acc),
          SquaredLossKernel.width(dims()));
      if (t.rows() != rows) {
        throw new IllegalStateException(
            "A pass saw " + t.rows() + " rows but the data has " + rows + "; the input changed while training");
      }
      return t;
    } finally {
      jsc.setJobDescription(null);
      coef.destroy();
    }
  }
}
