package sparkdgd.score;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.output.LinearModel;

/**
 * The regression metrics of a model on the cached training blocks, in one distributed pass; weighted where the rows
 * have weights ({@code --weight-col}).
 */
public final class BlockMetrics {
  private BlockMetrics() {}

  public static RegressionMetrics of(JavaRDD<Block> blocks, LinearModel model) {
    double[] w = model.coefficients();
    double b = model.intercept();
    double huberDelta = model.huberDelta();
    JavaRDD<ErrorSums> perPartition = blocks.mapPartitions(it -> {
      ErrorSums sums = new ErrorSums(huberDelta);
      while (it.hasNext()) {
        Block block = it.next();
        double[] y = block.labels();
        for (int i = 0; i < block.rows(); i++) {
          sums.add(y[i], block.dot(i, w) + b, block.weight(i));
        }
      }
      return List.of(sums).iterator();
    });
    return InPartitionOrder.merge(perPartition, new ErrorSums(), ErrorSums::merge).metrics();
  }
}
