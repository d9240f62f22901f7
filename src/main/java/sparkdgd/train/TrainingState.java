package sparkdgd.train;

import java.util.List;

/**
 * Everything the epoch loop needs to continue exactly where it was after {@code epoch} epochs:
 * resuming from it repeats the same arithmetic, so the result is bit-identical to an uninterrupted run.
 *
 * @param epoch          epochs completed
 * @param theta          the optimizer's point after those epochs (internal parameters, intercept last)
 * @param learningRate   the step in use
 * @param previousMse    objective after {@code epoch} epochs (the reference for --tol and growth)
 * @param growingEpochs  how many epochs in a row the objective has grown
 * @param history        one record per evaluation point so far
 * @param passes         data passes spent by the optimizer
 * @param optimizerState the optimizer's own state (momentum, curvature pairs); empty for gd
 * @param best           the parameters with the best validation loss so far (empty without validation)
 * @param bestValidation that loss
 * @param sinceBest      evaluations since it improved
 * @param withinTol      evaluations in a row, up to the last, whose objective changed by less than --tol
 * @param bestRecord     the record of {@code best} (null without validation, and in checkpoints before it was saved)
 */
public record TrainingState(int epoch, double[] theta, double learningRate, double previousMse, int growingEpochs,
    List<EpochRecord> history, double passes, double[] optimizerState, double[] best, double bestValidation,
    int sinceBest, int withinTol, EpochRecord bestRecord) {
  public TrainingState {
    theta = theta.clone();
    history = List.copyOf(history);
    optimizerState = optimizerState.clone();
    best = best.clone();
    if (history.size() > epoch) {
      throw new IllegalArgumentException("Expecting at most " + epoch + " history records but got " + history.size());
    }
  }

  @Override
  public double[] theta() {
    return theta.clone();
  }

  @Override
  public double[] optimizerState() {
    return optimizerState.clone();
  }

  @Override
  public double[] best() {
    return best.clone();
  }
}
