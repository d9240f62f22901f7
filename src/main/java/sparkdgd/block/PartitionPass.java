package sparkdgd.block;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * What each task of a pass runs: the partition's blocks summed into one array by the partition's
 * {@link BlockSummer}. {@link #collect} hands it to {@code SparkContext.runJob} as it is, one job, no
 * wrapper: Spark's closure cleaner reads and parses (with ASM) the class files behind every Scala closure it
 * is given, such as the wrappers of {@code mapPartitionsWithIndex} and {@code collect}, on every job; a class
 * of our own is neither a Scala closure nor a lambda, so it is only checked for serializability. On these
 * machines that took a pass over cached blocks from about 39-46 ms to 25-29 ms (medians of 100).
 */
final class PartitionPass extends AbstractFunction2<TaskContext, scala.collection.Iterator<Block>, PartitionSums>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PartitionSummers summers;
  private final int width;

  private PartitionPass(PartitionSummers summers, int width) {
    this.summers = summers;
    this.width = width;
  }

  /** One job over {@code blocks}: every partition's sums, in partition order. */
  static PartitionSums[] collect(JavaRDD<Block> blocks, PartitionSummers summers, int width) {
    Object sums = blocks.context().runJob(blocks.rdd(), new PartitionPass(summers, width),
        ClassTag$.MODULE$.apply(PartitionSums.class));
    return (PartitionSums[]) sums;
  }

  @Override
  public PartitionSums apply(TaskContext task, scala.collection.Iterator<Block> blocks) {
    return sum(CollectionConverters.asJava(blocks), summers.forPartition(task.partitionId()), width);
  }

  /** The sums of one partition's blocks ({@link BlockSummer#finish} called after the last). */
  static PartitionSums sum(Iterator<Block> blocks, BlockSummer summer, int width) {
    double[] acc = new double[width];
    long rows = 0;
    while (blocks.hasNext()) {
      Block b = blocks.next();
      int n = b.rows();
      if (!summer.skips(n)) {
        summer.add(b, acc);
      }
      rows += n;
    }
    summer.finish(acc);
    return new PartitionSums(acc, rows);
  }

  /**
   * {@link #sum(Iterator, BlockSummer, int)} over blocks whose row counts are known ({@code rows[k]} for
   * {@code blocks.get(k)}): a block the summer {@link BlockSummer#skips skips} is not read at all, not even its
   * row count, which for blocks cached in memory is a cache miss of its own.
   */
  static PartitionSums sum(List<Block> blocks, int[] rows, BlockSummer summer, int width) {
    if (rows.length != blocks.size()) {
      throw new IllegalArgumentException(rows.length + " row counts for " + blocks.size() + " blocks");
    }
    double[] acc = new double[width];
    long total = 0;
    for (int k = 0; k < rows.length; k++) {
      if (!summer.skips(rows[k])) {
        summer.add(blocks.get(k), acc);
      }
      total += rows[k];
    }
    summer.finish(acc);
    return new PartitionSums(acc, total);
  }
}
