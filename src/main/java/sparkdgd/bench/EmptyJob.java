package sparkdgd.bench;

import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;

/**
 * The per-job floor: one of our passes ({@link BlockPass}: the same task function, scheduling and exact
 * merge as an epoch) that does no arithmetic: each block only adds its row count. Our epoch minus this is
 * what the kernel costs inside Spark.
 */
public final class EmptyJob {
  private EmptyJob() {}

  /** Runs the pass and returns the row count it added up. */
  public static long run(JavaRDD<Block> blocks) {
    return (long) BlockPass.run(blocks, (b, acc) -> acc[0] += b.rows(), 1).sums()[0];
  }
}
