package sparkdgd.bench;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;

/**
 * The per-job floor: a Spark job with the shape of one of our passes (a {@code mapPartitions} over the
 * cached blocks, then {@code treeAggregate}) that does no arithmetic: each partition only counts its rows.
 */
public final class EmptyJob {
  private EmptyJob() {}

  /** Runs the job and returns the row count it saw. */
  public static long run(JavaRDD<Block> blocks) {
    JavaRDD<Long> counts = blocks.mapPartitions(EmptyJob::countRows);
    return counts.treeAggregate(0L, Long::sum, Long::sum, 2);
  }

  private static Iterator<Long> countRows(Iterator<Block> it) {
    long n = 0;
    while (it.hasNext()) {
      n += it.next().rows();
    }
    return List.of(n).iterator();
  }
}
