package sparkdgd.train;

import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.output.LinearModel;

/**
 * Looks at the cached training blocks once more after training, before they are unpersisted: for
 * the training metrics and the plot sample, without reading the input again. Runs on the driver and
 * may start Spark jobs.
 */
@FunctionalInterface
public interface TrainedDataVisitor {
  void visit(JavaRDD<Block> blocks, LinearModel model, long rows);

  TrainedDataVisitor NONE = (blocks, model, rows) -> {};
}
