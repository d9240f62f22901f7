package sparkdgd.loss;

import sparkdgd.config.ClassWeights;

/**
 * A loss whose rows count their class's weight ({@code --class-weight}): each row's weight, 1 or its
 * {@code --weight-col} value, is multiplied by the weight of its label's class, and the loss it wraps takes the
 * products as the rows' weights. So the rows' slot sums the products, and every mean of a pass (the objective, its
 * gradient, the Hessian passes' products) divides by that sum, as a weight column holding them would make it. The
 * weights are taken over the larger of the two, which leaves every mean as it is and keeps their sums finite
 * ({@code --class-weight 1e305,1e305} had overflowed to a NaN Hessian).
 */
public final class ClassWeighted implements PointLoss {
  private static final long serialVersionUID = 1L;

  private final PointLoss loss;
  /** The weights of class 0 and 1 over the larger of them ({@link ClassWeights#overLarger}). */
  private final ClassWeights classes;

  ClassWeighted(PointLoss loss, ClassWeights classes) {
    this.loss = loss;
    this.classes = classes.overLarger();
  }

  /** {@code loss} with its rows weighed by {@code classes}; {@code loss} itself when every row counts once. */
  public static PointLoss of(PointLoss loss, ClassWeights classes) {
    return classes.none() ? loss : new ClassWeighted(loss, classes);
  }

  /** {@code other} weighed by the same classes: the Hessian passes' squared loss of a class-weighted objective. */
  @Override
  public PointLoss weighing(PointLoss other) {
    return new ClassWeighted(other, classes);
  }

  @Override
  public String name() {
    return loss.name();
  }

  /**
   * The wrapped loss's, over the rows' labels and products of weights copied in the margins' order (row k of the
   * copies is margin k's row).
   */
  @Override
  public void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels,
      double[] weights, double labelWeight, double[] acc, int d) {
    double[] y = new double[count];
    double[] w = new double[count];
    int[] in = new int[count];
    for (int k = 0; k < count; k++) {
      final int row = rows[rowOffset + k];
      y[k] = labels[row];
      w[k] = (weights == null ? 1 : weights[row]) * classes.of(y[k]);
      in[k] = k;
    }
    loss.toMultipliers(margins, count, in, 0, y, w, labelWeight, acc, d);
  }

  @Override
  public double gradientFactor() {
    return loss.gradientFactor();
  }

  @Override
  public double curvatureRelativeToSquared() {
    return loss.curvatureRelativeToSquared();
  }

  @Override
  public int ownSlots() {
    return loss.ownSlots();
  }

  @Override
  public Metrics metrics(double[] sums, int d) {
    return loss.metrics(sums, d);
  }

  @Override
  public String toString() {
    return loss + " weighed by class " + classes;
  }
}
