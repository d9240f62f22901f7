package sparkdgd.score;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import scala.Tuple2;
import sparkdgd.block.Block;
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

  /** On cached blocks. */
  public static ClassificationMetrics of(JavaRDD<Block> blocks, LinearModel model) {
    double[] w = model.coefficients();
    double b = model.intercept();
    return of(blocks.mapPartitions(it -> {
      List<Tuple2<Object, Object>> out = new ArrayList<>();
      while (it.hasNext()) {
        Block block = it.next();
        for (int i = 0; i < block.rows(); i++) {
          out.add(new Tuple2<>(probability(block.dot(i, w) + b), block.labels()[i]));
        }
      }
      return out.iterator();
    }));
  }

  /**
   * From (probability of label 1, label) pairs; {@code scored} is read three times (sums, the AUC's sort),
   * so it should be cheap to recompute or cached.
   */
  public static ClassificationMetrics of(JavaRDD<Tuple2<Object, Object>> scored) {
    if (scored.isEmpty()) {
      return new ClassificationMetrics(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sums = scored.map(t -> {
      double p = (Double) t._1();
      double y = (Double) t._2();
      double pc = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
      double loss = -(y * Math.log(pc) + (1 - y) * Math.log1p(-pc));
      return new double[] {loss, (p > 0.5) == (y > 0.5) ? 1 : 0, 1};
    }).reduce((a, c) -> new double[] {a[0] + c[0], a[1] + c[1], a[2] + c[2]});
    double auc = new BinaryClassificationMetrics(scored.rdd()).areaUnderROC();
    return new ClassificationMetrics((long) sums[2], sums[0] / sums[2], sums[1] / sums[2], auc);
  }

  /** {@code 1 / (1 + exp(-m))} without overflow. */
  public static double probability(double margin) {
    return margin >= 0 ? 1 / (1 + Math.exp(-margin)) : Math.exp(margin) / (1 + Math.exp(margin));
  }
}
