package sparkdgd.loss;

import java.io.Serializable;
import sparkdgd.config.LossSettings;

/**
 * The per-row part of a loss, as the block kernel uses it. {@link LossKernel} computes the margins
 * {@code m = w.x + b} of a run of rows; the loss turns each margin, in place, into the multiplier
 * {@code g} with which the row's features enter the gradient sums ({@code sum g x_j}, {@code sum g}),
 * and adds its value and metric sums into the accumulator. The driver scales the gradient sums by
 * {@link #gradientFactor()} / n. Adding a loss is one small class.
 *
 * <p>Accumulator slots after the d gradient sums and {@code sum g} at [d]: [d+1] the loss, [d+2] the
 * rows (the sum of their weights where they have weights: {@link sparkdgd.block.Block#weights()}), [d+3] and
 * [d+4] two metric sums of the loss's own, [d+5] the labels, [d+6] the squared labels.
 */
public interface PointLoss extends Serializable {
  int LOSS = 1;
  int ROWS = 2;
  int METRIC_A = 3;
  int METRIC_B = 4;
  int LABELS = 5;
  int SQUARED_LABELS = 6;
  /** Slots after the d gradient sums. */
  int EXTRA_SLOTS = 7;

  String name();

  /**
   * Replaces {@code margins[0..count)} by gradient multipliers and adds the loss and metric sums into
   * {@code acc} (whose first d slots the kernel fills). Margin k belongs to the block's row
   * {@code rows[rowOffset + k]}, so its label is {@code labels[rows[rowOffset + k]]} and its weight
   * {@code weights[rows[rowOffset + k]]} ({@code weights} null: every row weighs 1): a row's multiplier and every
   * sum it adds are multiplied by its weight, and its weight is what it adds to the rows' slot. {@code labelWeight}
   * is 1, or 0 for a Hessian pass.
   */
  void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels, double[] weights,
      double labelWeight, double[] acc, int d);

  /** The gradient of the mean loss is {@code gradientFactor() / n} times the multiplier sums. */
  double gradientFactor();

  /**
   * A bound on the second derivative of the loss in the margin, as a multiple of the squared loss's
   * (which is 2): the Hessian of the mean loss is at most this times the MSE's.
   */
  double curvatureRelativeToSquared();

  /** Accumulator slots of the loss's own after the {@link #EXTRA_SLOTS} (a histogram, say); 0 by default. */
  default int ownSlots() {
    return 0;
  }

  /**
   * {@code other} with its rows weighed as this loss weighs them beyond their own weights: the squared loss of the
   * Hessian passes, which must see the same rows' weights as the objective. {@code other} itself by default.
   */
  default PointLoss weighing(PointLoss other) {
    return other;
  }

  /** The metrics of the evaluated rows, from the merged sums of a pass. */
  Metrics metrics(double[] sums, int d);

  static PointLoss of(LossSettings settings) {
    return switch (settings.loss()) {
      case SQUARED -> new SquaredLoss();
      case HUBER -> new HuberLoss(settings.huberDelta());
      case LOGISTIC -> ClassWeighted.of(new LogisticLoss(), settings.classWeights());
    };
  }
}
