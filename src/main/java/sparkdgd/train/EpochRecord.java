package sparkdgd.train;

import java.util.Map;
import sparkdgd.loss.Metrics;

/**
 * The model after one epoch (iteration), at an evaluation point: every epoch with full batches, every
 * {@code --log-every} epochs (and the last) with mini-batches.
 *
 * @param epoch        1-based epoch number
 * @param passes       data read by the optimizer so far, in passes over the training rows (a mini-batch
 *                     of fraction f counts f; evaluations made only for reporting do not count)
 * @param objective    the objective (mean loss + penalty) of the parameters after this epoch, all
 *                     training rows
 * @param gradientNorm norm of the objective's (proximal) gradient at those parameters
 * @param seconds      wall time since training started
 * @param train        the loss's metrics on the training rows
 * @param validation   the same on the validation rows, or null without a validation set
 */
public record EpochRecord(int epoch, double passes, double objective, double gradientNorm, double seconds,
    Metrics train, Metrics validation) {

  /** A record with the objective as the only figure: for the MSE without penalty, that is the MSE. */
  public EpochRecord(int epoch, double mse, double gradientNorm, double seconds) {
    this(epoch, epoch, mse, gradientNorm, seconds, new Metrics(Map.of("mse", mse)), null);
  }

  /** The training MSE (regression); for logistic regression the objective. */
  public double mse() {
    Double m = train.values().get("mse");
    return m != null ? m : objective;
  }

  /** The validation loss that early stopping watches: the first validation metric, the loss (MSE, Huber or log-loss). */
  public double validationLoss() {
    return validation == null ? Double.NaN : validation.values().values().iterator().next();
  }
}
