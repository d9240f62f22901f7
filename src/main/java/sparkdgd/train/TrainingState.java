package sparkdgd.train;

import java.util.List;

/**
 * Everything the epoch loop needs to continue exactly where it was after {@code epoch} epochs:
 * resuming from it repeats the same arithmetic, so the result is bit-identical to an uninterrupted run.
 *
 * @param epoch         epochs completed
 * @param theta         internal parameters after those epochs (intercept last)
 * @param learningRate  the step in use
 * @param previousMse   MSE after {@code epoch} epochs (the reference for --tol and growth)
 * @param growingEpochs how many epochs in a row the MSE has grown
 * @param history       one record per completed epoch
 */
public record TrainingState(int epoch, double[] theta, double learningRate, double previousMse, int growingEpochs,
    List<EpochRecord> history) {
  public TrainingState {
    theta = theta.clone();
    history = List.copyOf(history);
    if (history.size() != epoch) {
      throw new IllegalArgumentException("Expecting " + epoch + " history records but got " + history.size());
    }
  }

  @Override
  public double[] theta() {
    return theta.clone();
  }
}
