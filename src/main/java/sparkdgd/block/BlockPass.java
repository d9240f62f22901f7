package sparkdgd.block;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;

/**
 * One pass over the cached blocks: each task sums its partition's blocks into one array
 * ({@link PartitionPass}), and the partitions are added exactly (see {@link ExactSum}): on the driver for up
 * to 32 partitions (one job of {@link PartitionPass} itself), by {@code treeAggregate} on the way to the
 * driver for more.
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
   * The exact total of the partitions' sums, added on the driver (in any order: the total is the same). Wide sums
   * (a model of many features) are cut into a slice of positions for each of the driver's cores, added at once:
   * the same exact totals, since each position's is its own; 9 partitions of a 3e6-wide gradient took a third of
   * an epoch on one core.
   */
  public static Totals total(List<PartitionSums> parts, int width) {
    long rows = 0;
    for (PartitionSums p : parts) {
      ExactSum.checkWidth(width, p.sums().length);
      rows += p.rows();
    }
    double[] out = new double[width];
    int slices = width < SLICED_FROM ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), 16);
    if (slices == 1) { // every pass of a narrow model: no fork-join round trip
      addSlice(parts, width, 0, 1, out);
    } else {
      IntStream.range(0, slices).parallel().forEach(s -> addSlice(parts, width, s, slices, out));
    }
    return new Totals(out, rows);
  }

  /**
   * Adds slice s of {@code slices} of every partition's sums ({@code width} each, checked by the caller) exactly, and
   * writes its rounded totals to out.
   */
  static void addSlice(List<PartitionSums> parts, int width, int s, int slices, double[] out) {
    int from = (int) ((long) width * s / slices);
    int to = (int) ((long) width * (s + 1) / slices);
    ExactSum slice = new ExactSum(to - from);
    for (PartitionSums p : parts) {
      slice.addSlice(p.sums(), from);
    }
    System.arraycopy(slice.toDoubles(), 0, out, from, to - from);
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
