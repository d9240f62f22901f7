package sparkdgd.optim;

import sparkdgd.loss.LossEvaluation;

/**
 * The objective at one point: the data's mean loss plus the penalty.
 *
 * @param objective the value minimised: mean loss + L2 + L1 penalty
 * @param gradient  gradient of the smooth part (mean loss + L2) in internal parameters; the L1 part is
 *                  handled by a proximal step
 * @param data      the data pass behind it (mean loss, row count, metrics)
 */
public record Evaluation(double objective, double[] gradient, LossEvaluation data) {
  public double gradientNorm() {
    double s = 0;
    for (double g : gradient) {
      s += g * g;
    }
    return Math.sqrt(s);
  }
}
