package sparkdgd.score;

import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.spark.api.java.JavaRDD;

/**
 * Merges one small result per partition on the driver in the partitions' order, so that floating-point sums come out
 * the same bits on every run: Spark's {@code aggregate} and {@code treeAggregate} merge in the order tasks end, which
 * made the same run's metrics.json differ in the last digits (a user review: 6 of 10 repeated runs).
 */
public final class InPartitionOrder {
  private InPartitionOrder() {}

  /** {@code zero} merged with each partition's result, first partition first. */
  public static <T> T merge(JavaRDD<T> perPartition, T zero, BinaryOperator<T> merge) {
    List<T> results = perPartition.collect(); // in partition order
    T total = zero;
    for (T r : results) {
      total = merge.apply(total, r);
    }
    return total;
  }
}
