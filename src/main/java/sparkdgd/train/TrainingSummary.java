package sparkdgd.train;

import java.util.List;
import sparkdgd.config.InputFormat;
import sparkdgd.output.LinearModel;

/**
 * What a run produced and how: the model, the per-epoch history and the facts a user needs to trust it.
 *
 * @param model            the model in original units
 * @param format           the input format read
 * @param history          one record per epoch run
 * @param stopReason       why training ended
 * @param learningRate     the step used
 * @param learningRateAuto whether the step was estimated from the data
 * @param rows             rows trained on
 * @param partitions       partitions of the cached data
 * @param seconds          wall time of the whole job (load, cache, estimate, train)
 * @param skippedRecords   bad records dropped under {@code --on-bad-record skip} (and empty or
 *                         unreadable files, one each)
 */
public record TrainingSummary(LinearModel model, InputFormat format, List<EpochRecord> history, StopReason stopReason,
    double learningRate, boolean learningRateAuto, long rows, int partitions, double seconds,
    long skippedRecords) {

  public int epochs() {
    return history.size();
  }

  public double finalMse() {
    return history.get(history.size() - 1).mse();
  }
}
