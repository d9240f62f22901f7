package sparkdgd.train;

import java.util.List;
import sparkdgd.config.InputFormat;
import sparkdgd.data.InputListing;
import sparkdgd.output.LinearModel;

/**
 * What a run produced and how: the model, the per-epoch history and the facts a user needs to trust it.
 *
 * @param model            the model in original units
 * @param format           the input format read
 * @param history          one record per evaluation point
 * @param stopReason       why training ended
 * @param learningRate     the step used
 * @param learningRateAuto whether the step was estimated from the data
 * @param rows             rows trained on (without the validation rows)
 * @param partitions       partitions of the cached data
 * @param seconds          wall time of the job from listing the input to the training metrics (load, cache,
 *                         estimate, train, score the training rows); not Spark's start-up nor writing the outputs
 * @param loadSeconds      wall time until the data was read, parsed and cached (the first pass included)
 * @param skippedRecords   bad records dropped under {@code --on-bad-record skip} (and empty or
 *                         unreadable files, one each)
 * @param finalRecord      the record of the returned parameters (the best one when early stopping)
 * @param passes           data passes the optimizer spent
 * @param validationRows   rows held out for validation (0 without)
 * @param bestValidation   the evaluation with the lowest validation loss, whatever stopped the run (the first of
 *                         equals), as the trainer tracked it; null without validation rows
 * @param initModel        the --init-model epoch 0 started from (null: from zero); after a resume, the one the
 *                         checkpoints recorded, whatever the resuming command gave
 * @param kernels          how the executors ran the loss over each kind of block ("float64 blocks: the squared loss
 *                         runs ..."), as the run told them: their last bits depend on it
 * @param inputs           the files read: count, bytes, the digest of their listing, the first of them
 * @param averagedIterates how many iterates the model is the mean of (--average-from), 0 for an iterate
 * @param classWeights     the weights of the logistic loss's classes (balanced's worked out), none without
 * @param regParamSearch   the {@code --reg-param} search that chose the penalty, or null: one strength was given
 */
public record TrainingSummary(LinearModel model, InputFormat format, List<EpochRecord> history, StopReason stopReason,
    double learningRate, boolean learningRateAuto, long rows, int partitions, double seconds,
    double loadSeconds, long skippedRecords, EpochRecord finalRecord, double passes, long validationRows,
    EpochRecord bestValidation, String initModel, List<String> kernels, InputListing inputs, long averagedIterates,
    sparkdgd.config.ClassWeights classWeights, RegParamSearch regParamSearch) {

  /** This summary with {@code search}, the search whose choice this model was trained with (on all the rows). */
  public TrainingSummary withRegParamSearch(RegParamSearch search) {
    return new TrainingSummary(model, format, history, stopReason, learningRate, learningRateAuto, rows, partitions,
        seconds, loadSeconds, skippedRecords, finalRecord, passes, validationRows, bestValidation, initModel, kernels,
        inputs, averagedIterates, classWeights, search);
  }

  public int epochs() {
    return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
  }

  /** The training MSE of the returned parameters (the objective for logistic regression). */
  public double finalMse() {
    return finalRecord.mse();
  }
}
