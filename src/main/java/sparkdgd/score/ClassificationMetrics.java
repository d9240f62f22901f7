package sparkdgd.score;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import scala.Tuple2;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.Block;
import sparkdgd.loss.LogisticLoss;
import sparkdgd.output.LinearModel;

/**
 * Log-loss, accuracy (threshold 0.5) and the exact area under the ROC curve of a logistic model on
 * cached blocks. The AUC comes from Spark's {@code BinaryClassificationMetrics} over every row's
 * probability (no binning), so it is exact with ties counted as halves.
 *
 * @param rows     rows scored
 * @param logLoss  mean negative log-likelihood
 * @param accuracy fraction of rows whose predicted class (probability > 0.5) is the label
 * @param auc      area under the ROC curve
 */
public record ClassificationMetrics(long rows, double logLoss, double accuracy, double auc) {

  /** On cached blocks; rows are scored one block at a time, never all collected. */
  public static ClassificationMetrics of(JavaRDD<Block> blocks, LinearModel model) {
    double[] w = model.coefficients();
    double b = model.intercept();
    return of(blocks.flatMap(block -> java.util.stream.IntStream.range(0, block.rows())
        .mapToObj(i -> new Tuple2<Object, Object>(LogisticLoss.probability(block.dot(i, w) + b), block.labels()[i]))
        .iterator()));
  }

  /**
   * From (probability of label 1, label) pairs: one pass for the log-loss, accuracy and count, one for the
   * AUC's sort, over {@code scored} persisted for the two (so its input is read once).
   */
  public static ClassificationMetrics of(JavaRDD<Tuple2<Object, Object>> scored) {
    JavaRDD<Tuple2<Object, Object>> cached = scored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      double[] sums = cached.aggregate(new double[3], (acc, t) -> {
        double p = (Double) t._1();
        double y = (Double) t._2();
        double pc = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
        acc[0] -= y * Math.log(pc) + (1 - y) * Math.log1p(-pc);
        acc[1] += (p > 0.5) == (y > 0.5) ? 1 : 0;
        acc[2]++;
        return acc;
      }, (x, y) -> new double[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]});
      if (sums[2] == 0) {
        return new ClassificationMetrics(0, Double.NaN, Double.NaN, Double.NaN);
      }
      double auc = new BinaryClassificationMetrics(cached.rdd()).areaUnderROC();
      return new ClassificationMetrics((long) sums[2], sums[0] / sums[2], sums[1] / sums[2], auc);
    } finally {
      cached.unpersist(false);
    }
  }
}
