package sparkdgd.block;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * One pass over the cached blocks: each task sums its partition's blocks into one array
 * ({@link PartitionPass}), and the partitions are added exactly (see {@link ExactSum}): on the driver for up
 * to 32 partitions (one job of {@link PartitionPass} itself; a wide sum added as each task ends), by
 * {@code treeAggregate} on the way to the driver for more.
 */
public final class BlockPass {
  private BlockPass() {}

  /** The totals of a pass: the summed arrays and the number of rows seen. */
  public record Totals(double[] sums, long rows) {}

  /**
   * Runs {@code summer} over every block and returns the totals.
   *
   * @param width length of the accumulator array {@code summer} writes into
   */
  public static Totals run(JavaRDD<Block> blocks, BlockSummer summer, int width) {
    return run(blocks, partition -> summer, width);
  }

  /** Passes over {@code blocks}, each one Spark job (see {@link #run(JavaRDD, PartitionSummers, int)}). */
  public static BlockPasses jobs(JavaRDD<Block> blocks) {
    return (summers, width) -> run(blocks, summers, width);
  }

  /** Runs, in every partition, the summer {@code summers} makes for that partition's index. */
  public static Totals run(JavaRDD<Block> blocks, PartitionSummers summers, int width) {
    int depth = treeDepth(blocks.getNumPartitions());
    if (depth == 1 && width >= SLICED_FROM) {
      // added as the tasks end and then dropped, not all kept until the last (all of them are 648 MB in the spreads'
      // pass at 3e6 features and 9 partitions: the largest live heap fell from 3345 to 2661 MB); tasks that end
      // together still wait in the queue together, and Spark's own copies of each result stay (1-3 GB drivers still
      // ran out of memory there in local mode)
      return PartitionPass.addAsTheyEnd(blocks, summers, width, newTotal(width));
    }
    if (depth == 1) {
      return total(List.of(PartitionPass.collect(blocks, summers, width)), width);
    }
    JavaRDD<PartitionSums> perPartition = blocks.mapPartitionsWithIndex(
        (index, it) -> List.of(PartitionPass.sum(it, summers.forPartition(index), width)).iterator(), true);
    return merge(perPartition, width, depth);
  }

  /**
   * Adds the partitions' sums exactly. At depth 1 (up to 32 partitions) their plain double sums come
   * straight to the driver, which adds them there, so no BigDecimal is built or serialized in the tasks;
   * deeper, {@code treeAggregate} adds them on the way. Both give the same exact total.
   */
  static Totals merge(JavaRDD<PartitionSums> perPartition, int width, int depth) {
    if (depth == 1) {
      return total(perPartition.collect(), width);
    }
    ExactSum total = perPartition.treeAggregate(new ExactSum(width), ExactSum::add, ExactSum::merge, depth);
    return new Totals(total.toDoubles(), total.rows());
  }

  /**
   * The sums of one partition's blocks, as a task of a pass computes them, from blocks whose row counts are known
   * ({@code rows[k]} for {@code blocks.get(k)}, as a resident task holds them): a block the summer skips is not
   * read.
   */
  public static PartitionSums sumPartition(List<Block> blocks, int[] rows, BlockSummer summer, int width) {
    return PartitionPass.sum(blocks, rows, summer, width);
  }

  /** Sums at least this wide are added on the driver by all its cores, a slice of the positions each. */
  static final int SLICED_FROM = 1 << 16;

  /**
   * The exact total of the partitions' sums, added on the driver (in any order: the total is the same), wide sums
   * by all the driver's cores ({@link RunningTotal}).
   */
  public static Totals total(List<PartitionSums> parts, int width) {
    return newTotal(width).addAll(parts).totals();
  }

  /** A running total of {@code width} positions: one slice for a narrow sum, one a core for a wide one. */
  static RunningTotal newTotal(int width) {
    return new RunningTotal(width,
        width < SLICED_FROM ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), 16));
  }

  /** 1 up to 32 partitions, 2 up to 1024, then 3: each level merges at most about 32 results. */
  static int treeDepth(int partitions) {
    int depth = 1;
    for (long reach = 32; reach < partitions && depth < 4; reach *= 32) {
      depth++;
    }
    return depth;
  }
}
