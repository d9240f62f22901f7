package sparkdgd.score;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import scala.Product;
import scala.Tuple2;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.Block;
import sparkdgd.config.LabelClasses;
import sparkdgd.loss.LogisticLoss;
import sparkdgd.output.Counts;
import sparkdgd.output.LinearModel;

/**
 * Log-loss, accuracy (threshold 0.5) and the exact area under the ROC curve of a logistic model on
 * cached blocks. The AUC is {@link ExactAuc}'s over every row's margin (no binning; the probability's order, without
 * the ties its rounding to 1 would add): exact, ties counted as halves, as Spark's {@code BinaryClassificationMetrics}
 * with 0 bins gives it. Like the per-epoch binned AUC
 * ({@code LogisticLoss.binnedAuc}), it is undefined (NaN) unless both classes are present: with one class there is
 * no pair of a positive and a negative row to rank (Spark's own answer, 1.0 or 0.0, is not used).
 *
 * @param rows      rows scored
 * @param positives rows with label 1
 * @param logLoss   mean negative log-likelihood, from each row's margin (exact for confident wrong rows too)
 * @param accuracy  fraction of rows whose predicted class (probability > 0.5) is the label
 * @param auc       area under the ROC curve; NaN when every row has the same label
 * @param weight    the rows' total weight, which the means divide by ({@code --weight-col}); {@code rows} without
 */
public record ClassificationMetrics(long rows, long positives, double logLoss, double accuracy, double auc,
    double weight) {

  /** Metrics of rows that each weigh 1. */
  public ClassificationMetrics(long rows, long positives, double logLoss, double accuracy, double auc) {
    this(rows, positives, logLoss, accuracy, auc, rows);
  }

  /** Whether the rows hold both classes, 0 and 1; without them the AUC is undefined. */
  public boolean bothClasses() {
    return positives > 0 && positives < rows;
  }

  /** The AUC in {@code format} ({@code "%.6g"}), or {@code "NaN (only one class)"} when it is undefined. */
  public String aucText(String format) {
    return Double.isNaN(auc) ? "NaN" + (rows > 0 && !bothClasses() ? " (only one class)" : "")
        : String.format(Locale.ROOT, format, auc);
  }

  /**
   * A warning when every row has the same label, naming {@code data} ("the training data") and ending with
   * {@code consequence}; empty when both classes are present (or there are no rows).
   */
  public Optional<String> oneClassWarning(String data, LabelClasses labels, String consequence) {
    if (rows == 0 || bothClasses()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s has only one class: every label is %s (%s), so the AUC is "
        + "undefined%s", data, LabelClasses.shown(labels.label(positives > 0 ? 1 : 0)), Counts.of(rows, "row"),
        consequence));
  }

  /**
   * On cached blocks; rows are scored one block at a time, never all collected. Rows with weights
   * ({@code --weight-col}) count their weight's worth in the log-loss, the accuracy and the AUC.
   */
  public static ClassificationMetrics of(JavaRDD<Block> blocks, LinearModel model) {
    double[] w = model.coefficients();
    double b = model.intercept();
    return ofScored(blocks.flatMap(block -> java.util.stream.IntStream.range(0, block.rows())
        .mapToObj(i -> block.weights() == null
            ? (Product) new Tuple2<Object, Object>(block.dot(i, w) + b, block.labels()[i])
            : (Product) new scala.Tuple3<Object, Object, Object>(block.dot(i, w) + b, block.labels()[i],
                block.weights()[i]))
        .iterator()));
  }

  /**
   * A row's log-loss from its margin ({@link LogisticLoss#rowLoss}); a margin that overflowed to an infinity (a
   * feature near the largest double times its coefficient) gives 0 when it predicts the label and infinity when not,
   * where the formula would give NaN ({@code infinity - infinity}) and turn the whole mean into NaN.
   */
  static double rowLoss(double margin, double label) {
    if (Double.isInfinite(margin)) {
      return (margin > 0) == (label > 0.5) ? 0 : Double.POSITIVE_INFINITY;
    }
    return LogisticLoss.rowLoss(margin, label);
  }

  /**
   * From (margin, label) pairs, the margin being {@code coefficients . x + intercept}: one pass for the log-loss,
   * accuracy and count, one for the AUC's sort, over {@code scored} persisted for the two (so its input is read
   * once). The log-loss is taken from the margin ({@link LogisticLoss#rowLoss}, as in training), not from the
   * probability: a probability rounds to 1 for margins above about 37, which would cap a confident wrong row's loss.
   * Accuracy uses the probability {@code sigma(margin)}, as {@code predict} writes it; the AUC ranks the margins.
   */
  @SuppressWarnings("unchecked")
  public static ClassificationMetrics of(JavaRDD<Tuple2<Object, Object>> scored) {
    return ofScored((JavaRDD<Product>) (JavaRDD<?>) scored);
  }

  /**
   * {@link #of(JavaRDD)} from (margin, label) pairs or (margin, label, weight) triples, whose rows count their
   * weight's worth (as in Spark's {@code BinaryClassificationMetrics}).
   */
  static ClassificationMetrics ofScored(JavaRDD<Product> scored) {
    JavaRDD<Product> cached = scored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaRDD<double[]> perPartition = cached.mapPartitions(it -> {
        double[] acc = new double[5];
        while (it.hasNext()) {
          Product t = it.next();
          double m = (Double) t.productElement(0);
          double y = (Double) t.productElement(1);
          double w = t.productArity() > 2 ? (Double) t.productElement(2) : 1;
          acc[0] += w * rowLoss(m, y);
          acc[1] += (LogisticLoss.probability(m) > 0.5) == (y > 0.5) ? w : 0;
          acc[2]++;
          acc[3] += y > 0.5 ? 1 : 0;
          acc[4] += w;
        }
        return java.util.List.of(acc).iterator();
      });
      double[] sums = InPartitionOrder.merge(perPartition, new double[5],
          (x, y) -> new double[] {x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3], x[4] + y[4]});
      long rows = (long) sums[2];
      long positives = (long) sums[3];
      if (rows == 0) {
        return new ClassificationMetrics(0, 0, Double.NaN, Double.NaN, Double.NaN);
      }
      // one class: no pair to rank (Spark's ROC curve divides by no negatives, or no positives, and reports 1.0 or
      // 0.0); a class whose rows all weigh 0 likewise gives NaN. Ranked by the margin, which the probability follows but for rounding: above a margin of about 37 every
      // probability is 1.0, and confident rows would tie there (a model scaled 100 times, the same ranking: AUC
      // 0.865 from probabilities against 0.891 from margins, a review's)
      double auc = positives > 0 && positives < rows
          ? ExactAuc.of(cached) // every score, as Spark's BinaryClassificationMetrics with 0 bins
          : Double.NaN;
      return new ClassificationMetrics(rows, positives, sums[0] / sums[4], sums[1] / sums[4], auc, sums[4]);
    } finally {
      cached.unpersist(false);
    }
  }
}
