package sparkdgd.loss;

/**
 * The result of one pass at given parameters.
 *
 * @param mse      mean squared error over all rows
 * @param gradient MSE gradient with respect to the internal parameters (intercept last)
 * @param rows     rows seen by the pass
 */
public record LossEvaluation(double mse, double[] gradient, long rows) {

  /** Euclidean norm of the gradient. */
  public double gradientNorm() {
    double s = 0;
    for (double g : gradient) {
      s += g * g;
    }
    return Math.sqrt(s);
  }
}
