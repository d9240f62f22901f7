package sparkdgd.loss;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockPasses;
import sparkdgd.block.RowSampler;

/**
 * The mean loss of a linear model over the cached blocks. Each evaluation is one pass: the driver
 * sends the raw coefficients (in the task closure, or as a broadcast when there are many), every partition
 * sums its blocks (or a sample of their rows) with {@link LossKernel}, the partitions are added exactly,
 * and the driver divides by the number of rows evaluated (by the sum of their weights where rows have weights:
 * {@link Block#weights()}). A broadcast is destroyed afterwards, so memory
 * does not grow with epochs.
 */
public final class DistributedLoss {
  private static final PointLoss SQUARED = new SquaredLoss();
  /**
   * Up to this many coefficients (256 KiB) are sent inside the task closure, deserialized once per task;
   * more are broadcast, fetched once per executor.
   */
  static final int CLOSURE_MAX_COEFFICIENTS = 1 << 15;

  private final JavaSparkContext jsc;
  private final BlockPasses passes;
  private final FeatureScaling scaling;
  private final long rows;
  private final PointLoss loss;
  /** The label variance of all the rows, for R^2; NaN when not known (R^2 then from the pass's label sums). */
  private final double labelVariance;

  /** The squared loss (MSE). */
  public DistributedLoss(JavaSparkContext jsc, JavaRDD<Block> blocks, FeatureScaling scaling, long rows) {
    this(jsc, blocks, scaling, rows, SQUARED);
  }

  /**
   * @param rows the data's row count, known from the statistics pass; every evaluation checks it
   */
  public DistributedLoss(JavaSparkContext jsc, JavaRDD<Block> blocks, FeatureScaling scaling, long rows,
      PointLoss loss) {
    this(jsc, BlockPass.jobs(blocks), scaling, rows, loss);
  }

  /** Evaluations run by {@code passes} (one Spark job each, or a round of resident tasks). */
  public DistributedLoss(JavaSparkContext jsc, BlockPasses passes, FeatureScaling scaling, long rows,
      PointLoss loss) {
    this(jsc, passes, scaling, rows, loss, Double.NaN);
  }

  private DistributedLoss(JavaSparkContext jsc, BlockPasses passes, FeatureScaling scaling, long rows,
      PointLoss loss, double labelVariance) {
    this.jsc = jsc;
    this.passes = passes;
    this.scaling = scaling;
    this.rows = rows;
    this.loss = loss;
    this.labelVariance = labelVariance;
  }

  /**
   * The same loss, whose evaluations over all the rows take R^2 against {@code variance}, the label variance
   * computed apart ({@link Metrics#withLabelVariance}).
   */
  public DistributedLoss withLabelVariance(double variance) {
    return new DistributedLoss(jsc, passes, scaling, rows, loss, variance);
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

  public PointLoss pointLoss() {
    return loss;
  }

  /** The mean loss over all rows and its gradient at internal parameters {@code theta}. */
  public LossEvaluation evaluate(double[] theta, String jobDescription) {
    return evaluate(theta, RowSampler.ALL, jobDescription);
  }

  /**
   * The mean loss over the rows {@code sample} chooses and its gradient. A sample that chose no row
   * gives a zero gradient and a NaN loss.
   */
  public LossEvaluation evaluate(double[] theta, RowSampler sample, String jobDescription) {
    double[] sums = pass(theta, loss, 1.0, sample, jobDescription);
    int d = dims();
    double count = sums[d + PointLoss.ROWS]; // the rows evaluated, or their weight
    if (count == 0) {
      return new LossEvaluation(Double.NaN, new double[d + 1], 0, loss.metrics(sums, d));
    }
    Metrics metrics = loss.metrics(sums, d);
    if (sample.all() && !Double.isNaN(labelVariance)) {
      metrics = metrics.withLabelVariance(labelVariance);
    }
    return new LossEvaluation(sums[d + PointLoss.LOSS] / count,
        scaling.internalGradient(sums, count, loss.gradientFactor()), count, metrics);
  }

  /**
   * The Hessian of the MSE (internal parameters) times {@code v}: the gradient with the labels zeroed, its rows weighed
   * as the loss weighs them ({@link PointLoss#weighing}: by their classes with {@code --class-weight}).
   */
  public double[] hessianTimes(double[] v, String jobDescription) {
    double[] sums = pass(v, loss.weighing(SQUARED), 0.0, RowSampler.ALL, jobDescription);
    return scaling.internalGradient(sums, sums[dims() + PointLoss.ROWS]); // the rows, or their weight
  }

  private double[] pass(double[] theta, PointLoss pointLoss, double labelWeight, RowSampler sample,
      String jobDescription) {
    double[] raw = scaling.toRaw(theta);
    // Small coefficient vectors ride in the task closure, which Spark broadcasts with the stage's task
    // binary anyway: a Broadcast of their own costs a block-manager write, a fetch and a destroy per pass.
    Broadcast<double[]> shared = raw.length > CLOSURE_MAX_COEFFICIENTS ? jsc.broadcast(raw) : null;
    double[] inline = shared == null ? raw : null;
    try {
      jsc.setJobDescription(jobDescription);
      BlockPass.Totals t = passes.run(partition -> {
        double[] coef = inline != null ? inline : shared.value();
        return LossKernel.summer(sample.cursor(partition), coef, pointLoss, labelWeight);
      }, LossKernel.width(dims(), pointLoss));
      if (t.rows() != rows) {
        throw new IllegalStateException(
            "A pass saw " + t.rows() + " rows but the data has " + rows + "; the input changed while training");
      }
      return t.sums();
    } finally {
      jsc.setJobDescription(null);
      if (shared != null) {
        shared.destroy();
      }
    }
  }
}
