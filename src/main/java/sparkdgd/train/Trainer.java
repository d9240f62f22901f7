package sparkdgd.train;

import java.util.ArrayList;
import java.util.List;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.LossEvaluation;
import sparkdgd.optim.GradientStep;

/**
 * The epoch loop. Parameters start at zero; every epoch takes one gradient step with the gradient of
 * the previous evaluation, then evaluates the new parameters in one distributed pass, which gives both
 * the MSE that is reported for this epoch and the gradient for the next step.
 */
public final class Trainer {
  /** Loss increases of more than this, relatively, count as growth. */
  static final double GROWTH_SLACK = 1e-9;
  /** This many growing epochs in a row stop the run as diverging. */
  static final int GROWTH_LIMIT = 5;

  private final int epochs;
  private final double tol;
  private final GradientStep step;
  private final ProgressListener listener;

  public Trainer(int epochs, double learningRate, double tol, ProgressListener listener) {
    this.epochs = epochs;
    this.tol = tol;
    this.step = new GradientStep(learningRate);
    this.listener = listener;
  }

  /** The trained internal parameters (intercept last), the history and why it stopped. */
  public record Result(double[] theta, List<EpochRecord> history, StopReason stopReason) {
    public EpochRecord last() {
      return history.get(history.size() - 1);
    }
  }

  public Result run(DistributedLoss loss) {
    long start = System.nanoTime();
    double[] theta = new double[loss.dims() + 1];
    LossEvaluation eval = loss.evaluate(theta, "initial loss (epoch 0/" + epochs + ")");
    listener.initial(eval.mse());
    List<EpochRecord> history = new ArrayList<>();
    double previous = eval.mse();
    int growing = 0;
    StopReason reason = StopReason.MAX_EPOCHS;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      step.apply(theta, eval.gradient());
      eval = loss.evaluate(theta, "epoch " + epoch + "/" + epochs);
      EpochRecord record = new EpochRecord(epoch, eval.mse(), eval.gradientNorm(),
          (System.nanoTime() - start) / 1e9);
      history.add(record);
      listener.epoch(record);
      double mse = eval.mse();
      if (!Double.isFinite(mse)) {
        throw new TrainingDivergedException(String.format(
            "the MSE became %s at epoch %d with learning rate %s; use a smaller --learning-rate "
                + "(or --learning-rate auto)", mse, epoch, step.learningRate()));
      }
      growing = mse > previous * (1 + GROWTH_SLACK) ? growing + 1 : 0;
      if (growing >= GROWTH_LIMIT) {
        throw new TrainingDivergedException(String.format(
            "the MSE grew for %d epochs in a row (to %s at epoch %d) with learning rate %s; use a "
                + "smaller --learning-rate (or --learning-rate auto)", GROWTH_LIMIT, mse, epoch,
            step.learningRate()));
      }
      if (eval.gradientNorm() == 0) {
        reason = StopReason.ZERO_GRADIENT;
        break;
      }
      if (tol > 0 && Math.abs(previous - mse) <= tol * Math.max(previous, Double.MIN_NORMAL)) {
        reason = StopReason.LOSS_CONVERGED;
        break;
      }
      previous = mse;
    }
    return new Result(theta, List.copyOf(history), reason);
  }
}
