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

  /** Trains from zero. */
  public Result run(DistributedLoss loss) {
    return run(loss, null, Checkpointer.NONE);
  }

  /**
   * Trains from {@code resumeFrom} (or from zero when it is null), handing the state after every
   * epoch to {@code checkpointer}.
   */
  public Result run(DistributedLoss loss, TrainingState resumeFrom, Checkpointer checkpointer) {
    long start = System.nanoTime();
    double[] theta;
    List<EpochRecord> history = new ArrayList<>();
    double previous;
    int growing;
    int firstEpoch;
    double earlierSeconds;
    LossEvaluation eval;
    if (resumeFrom == null) {
      theta = new double[loss.dims() + 1];
      eval = loss.evaluate(theta, "initial loss (epoch 0/" + epochs + ")");
      listener.initial(eval.mse());
      previous = eval.mse();
      growing = 0;
      firstEpoch = 1;
      earlierSeconds = 0;
    } else {
      checkResumable(loss, resumeFrom);
      theta = resumeFrom.theta();
      history.addAll(resumeFrom.history());
      eval = loss.evaluate(theta, "resume after epoch " + resumeFrom.epoch() + "/" + epochs);
      listener.resumed(resumeFrom.epoch(), eval.mse());
      previous = resumeFrom.previousMse();
      growing = resumeFrom.growingEpochs();
      firstEpoch = resumeFrom.epoch() + 1;
      earlierSeconds = history.isEmpty() ? 0 : history.get(history.size() - 1).seconds();
    }
    StopReason reason = StopReason.MAX_EPOCHS;
    for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
      step.apply(theta, eval.gradient());
      eval = loss.evaluate(theta, "epoch " + epoch + "/" + epochs);
      EpochRecord record = new EpochRecord(epoch, eval.mse(), eval.gradientNorm(),
          earlierSeconds + (System.nanoTime() - start) / 1e9);
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
      checkpointer.epochDone(new TrainingState(epoch, theta, step.learningRate(), previous, growing, history));
    }
    return new Result(theta, List.copyOf(history), reason);
  }

  private void checkResumable(DistributedLoss loss, TrainingState state) {
    if (state.theta().length != loss.dims() + 1) {
      throw new IllegalArgumentException("Expecting " + (loss.dims() + 1) + " parameters in the checkpoint but got "
          + state.theta().length);
    }
    if (state.learningRate() != step.learningRate()) {
      throw new IllegalArgumentException("The checkpoint's learning rate " + state.learningRate()
          + " differs from this run's " + step.learningRate());
    }
  }
}
