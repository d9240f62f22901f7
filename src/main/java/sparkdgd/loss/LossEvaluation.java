package sparkdgd.loss;

/**
 * The result of one pass at given parameters.
 *
 * @param loss     the mean loss over the rows evaluated (the MSE for the squared loss)
 * @param gradient its gradient with respect to the internal parameters (intercept last)
 * @param rows     rows evaluated (the sum of their weights where rows have weights)
 * @param metrics  the loss's quality figures on those rows
 */
public record LossEvaluation(double loss, double[] gradient, double rows, Metrics metrics) {

  /** Euclidean norm of the gradient. */
  public double gradientNorm() {
    double s = 0;
    for (double g : gradient) {
      s += g * g;
    }
    return Math.sqrt(s);
  }
}
