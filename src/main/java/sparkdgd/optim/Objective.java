package sparkdgd.optim;

import sparkdgd.block.RowSampler;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.LossEvaluation;

/** What is minimised: the data's mean loss (one distributed pass per evaluation) plus the penalty. */
public final class Objective {
  private final DistributedLoss data;
  private final Regularization penalty;

  public Objective(DistributedLoss data, Regularization penalty) {
    this.data = data;
    this.penalty = penalty;
  }

  public DistributedLoss data() {
    return data;
  }

  public Regularization penalty() {
    return penalty;
  }

  public int parameters() {
    return data.dims() + 1;
  }

  /** The objective on the rows {@code sample} chooses. */
  public Evaluation at(double[] theta, RowSampler sample, String jobDescription) {
    LossEvaluation e = data.evaluate(theta, sample, jobDescription);
    double[] g = e.gradient().clone();
    penalty.addSmoothGradient(theta, g);
    return new Evaluation(e.loss() + penalty.value(theta), g, e);
  }
}
