package sparkdgd.cli;

import java.awt.AWTError;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.config.LossKind;
import sparkdgd.output.MetricsJson;
import sparkdgd.score.ClassificationMetrics;
import sparkdgd.output.LinearModel;
import sparkdgd.plot.Charts;
import sparkdgd.plot.FitSample;
import sparkdgd.score.BlockMetrics;
import sparkdgd.score.RegressionMetrics;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.TrainedDataVisitor;

/**
 * What the trainer's command does with the cached data once training is done: the training metrics
 * (one pass) and, unless {@code --no-plots}, the sample for {@code fit.png} (one more pass). Then it
 * renders the pictures; a machine that cannot draw (no fonts, say) gets a warning, not a lost run.
 */
final class AfterTraining implements TrainedDataVisitor {
  /** At most this many points are drawn in fit.png. */
  static final int MAX_POINTS = 2000;
  private static final long SEED = 20260101L;

  private final boolean plots;
  private final PrintStream err;
  private RegressionMetrics metrics;
  private ClassificationMetrics classification;
  private FitSample sample;

  AfterTraining(boolean plots, PrintStream err) {
    this.plots = plots;
    this.err = err;
  }

  @Override
  public void visit(JavaRDD<Block> blocks, LinearModel model, long rows) {
    blocks.context().setJobDescription("training metrics");
    if (model.loss() == LossKind.LOGISTIC) {
      classification = ClassificationMetrics.of(blocks, model);
    } else {
      metrics = BlockMetrics.of(blocks, model);
    }
    if (plots && model.loss() != LossKind.LOGISTIC) {
      blocks.context().setJobDescription("sample for " + Charts.FIT_FILE);
      sample = FitSample.draw(blocks, model, rows, MAX_POINTS, SEED);
    }
    blocks.context().setJobDescription(null);
  }

  /** MSE, RMSE, MAE and R² of the trained model on the training data; null for logistic regression. */
  RegressionMetrics metrics() {
    return metrics;
  }

  /** Log-loss, accuracy and AUC of a logistic model on the training data; null for regression. */
  ClassificationMetrics classification() {
    return classification;
  }

  /** metrics.json for the training data. */
  byte[] metricsJson(String model, String data, String labelCol, String weightCol, long skippedRecords) {
    return classification != null
        ? MetricsJson.render(classification, model, data, labelCol, skippedRecords, null, null, weightCol)
        : MetricsJson.render(metrics, model, data, labelCol, skippedRecords, null, null, weightCol);
  }

  /** Adds loss.png and fit.png to {@code files} (when plots are on and they can be drawn). */
  void addPlots(Map<String, byte[]> files, double initialMse, List<EpochRecord> history, EpochRecord kept,
      LinearModel model) {
    if (!plots) {
      return;
    }
    try {
      files.put(Charts.LOSS_FILE, Charts.lossPng(initialMse, history, kept));
      if (sample != null) {
        files.put(Charts.FIT_FILE, Charts.fitPng(sample, model));
      }
    } catch (RuntimeException | LinkageError | AWTError e) {
      files.remove(Charts.LOSS_FILE);
      err.println("warning: the plots could not be drawn and are left out (" + e + "); pass --no-plots "
          + "to skip them");
    }
  }
}
