package sparkdgd.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;
import sparkdgd.config.BlockSize;

/**
 * Puts the rows in a random order before they are cached ({@code --shuffle-rows}), across partitions and within
 * each: a mini-batch drawn in runs of neighbouring rows ({@code --batch-run-rows}) is then a random sample of the
 * rows however the files were ordered, and runs as long as a block read at the speed of a full pass.
 *
 * <p>Two steps around one Spark shuffle of packed blocks (no object per row): {@link #deal} permutes a read
 * partition's rows and cuts them into one equal share per partition (to a row; which partitions get the larger
 * shares turns with the read partition, so the partitions' row counts stay even), each share in blocks keyed by the
 * partition it goes to and by where it came from; {@link #gather} puts a partition's shares in that order and
 * permutes their rows.
 * Each permutation is drawn from (seed, partition) alone and the shares are put in a fixed order, so a partition
 * recomputed after its cached blocks were lost comes out the same, row for row.
 *
 * <p>A partition's rows are all in memory in each step (about twice its cached size for a moment). Dense blocks
 * stay dense, float blocks float (a partition of float32 rows is dealt as floats), and sparse ones sparse; a
 * partition with both dense and sparse blocks (which no reader makes today) comes out sparse.
 */
public final class RowShuffle {
  private RowShuffle() {}

  /** The rows of {@code blocks} shuffled across {@code parts} partitions and within each (a Spark shuffle). */
  public static JavaRDD<Block> shuffle(JavaRDD<Block> blocks, int parts, int blockRows, long seed) {
    return blocks.mapPartitionsWithIndex((p, it) -> deal(it, parts, blockRows, seed, p), true)
        .mapToPair(share -> share)
        .partitionBy(new HashPartitioner(parts))
        .mapPartitionsWithIndex((p, it) -> gather(it, blockRows, seed, p), true);
  }

  /**
   * Step one, in read partition {@code partition}: its rows in an order drawn from (seed, partition), cut into
   * {@code parts} shares of equal size (to a row), each as blocks keyed by the partition it goes to and valued by
   * (its source partition and place, the block).
   */
  static Iterator<Tuple2<Integer, Tuple2<Long, Block>>> deal(Iterator<Block> blocks, int parts, int blockRows,
      long seed, int partition) {
    Rows rows = Rows.of(blocks);
    List<Tuple2<Integer, Tuple2<Long, Block>>> out = new ArrayList<>();
    if (rows == null) {
      return out.iterator();
    }
    int[] order = permutation(rows.count(), new SplittableRandom(RowSampler.mix(seed ^ DEAL, 0, partition)));
    long seq = (long) partition << 32;
    for (int t = 0; t < parts; t++) {
      int from = (int) ((long) rows.count() * t / parts);
      int to = (int) ((long) rows.count() * (t + 1) / parts);
      // share t goes to partition t + partition: the shares one row larger than others (and those of a source
      // with fewer rows than partitions, some of 0 rows) fall on other partitions from each source
      int target = (int) (((long) t + partition) % parts);
      for (Block b : rows.deal(order, from, to, blockRows)) {
        out.add(new Tuple2<>(target, new Tuple2<>(seq++, b)));
      }
    }
    return out.iterator();
  }

  /** Step two, in partition {@code partition}: its shares in the order of their keys, rows permuted. */
  static Iterator<Block> gather(Iterator<Tuple2<Integer, Tuple2<Long, Block>>> shares, int blockRows, long seed,
      int partition) {
    List<Tuple2<Long, Block>> in = new ArrayList<>();
    shares.forEachRemaining(share -> in.add(share._2()));
    in.sort(Comparator.comparingLong(Tuple2::_1)); // they arrive in the order the shuffle fetched them
    return shuffle(in.stream().map(Tuple2::_2).iterator(), blockRows, seed, partition);
  }

  /** The rows of {@code blocks} in an order drawn from (seed, partition), in blocks of {@code blockRows}. */
  public static Iterator<Block> shuffle(Iterator<Block> blocks, int blockRows, long seed, int partition) {
    if (blockRows < 1 && blockRows != BlockSize.AUTOMATIC) {
      throw new IllegalArgumentException("Expected blockRows >= 1 or automatic, got " + blockRows);
    }
    Rows rows = Rows.of(blocks);
    if (rows == null) {
      return Collections.emptyIterator();
    }
    int[] order = permutation(rows.count(), new SplittableRandom(RowSampler.mix(seed ^ SALT, 0, partition)));
    return rows.deal(order, 0, order.length, blockRows).iterator();
  }

  /** Keeps the dealing's draws apart from the gathering's. */
  private static final long DEAL = 0x61C8_8646_80B5_83EBL;

  /** Keeps this permutation's draws apart from the mini-batches' and the validation split's. */
  private static final long SALT = 0x2F0B_C1E5_5A17_D3A1L;

  /** A uniformly random permutation of 0 .. n-1 (Fisher-Yates). */
  static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    return order;
  }

  /** A partition's blocks read into a list, with where each block's rows start. */
  private record Rows(List<Block> blocks, long[] starts, boolean dense, boolean floats, boolean weighted, int dims) {
    /** The blocks of {@code it}, or null when there are none or no rows. */
    static Rows of(Iterator<Block> it) {
      List<Block> blocks = new ArrayList<>();
      it.forEachRemaining(blocks::add);
      long[] starts = new long[blocks.size() + 1];
      boolean dense = true;
      boolean floats = true;
      boolean weighted = false;
      for (int b = 0; b < blocks.size(); b++) {
        starts[b + 1] = starts[b] + blocks.get(b).rows();
        dense &= blocks.get(b).isDense();
        floats &= blocks.get(b) instanceof DenseFloatBlock || blocks.get(b).rows() == 0;
        weighted |= blocks.get(b).weights() != null;
      }
      if (starts[blocks.size()] == 0) {
        return null;
      }
      if (starts[blocks.size()] > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("A partition of " + starts[blocks.size()] + " rows is too large to "
            + "shuffle; use more --partitions");
      }
      return new Rows(blocks, starts, dense, dense && floats, weighted, blocks.get(0).dims());
    }

    int count() {
      return (int) starts[blocks.size()];
    }

    /** The block holding row {@code row}: the last block whose first row is at most it. */
    private int blockOf(int row) {
      int at = Arrays.binarySearch(starts, row);
      if (at >= 0) {
        while (starts[at + 1] == row) { // empty blocks start where the next one does
          at++;
        }
        return at;
      }
      return -at - 2;
    }

    /**
     * Rows {@code order[from..to)}, in that order, in new blocks of {@code blockRows} (BlockSize: automatic when 0):
     * float blocks where every block with rows is one (their values pass through doubles exactly), so float32 rows
     * cross the shuffle at 4 bytes a value.
     */
    List<Block> deal(int[] order, int from, int to, int blockRows) {
      List<Block> out = new ArrayList<>();
      BlockBuilder denseRows = dense ? new BlockBuilder(dims, BlockSize.denseRows(dims, blockRows), weighted) : null;
      SparseBlockBuilder sparseRows = dense ? null
          : new SparseBlockBuilder(dims, BlockSize.sparseRows(blockRows), weighted);
      for (int k = from; k < to; k++) {
        int b = blockOf(order[k]);
        Block block = blocks.get(b);
        int row = (int) (order[k] - starts[b]);
        if (dense) {
          double[] slot = denseRows.featureSlot();
          int at = denseRows.slotOffset();
          for (int j = 0; j < dims; j++) {
            slot[at + j] = block.value(row, j);
          }
          denseRows.commitRow(block.labels()[row], block.weight(row));
          if (denseRows.isFull()) {
            out.add(built(denseRows));
          }
        } else {
          if (block instanceof SparseBlock s) {
            for (int i = s.rowStarts()[row]; i < s.rowStarts()[row + 1]; i++) {
              sparseRows.add(s.indices()[i], s.values()[i]);
            }
          } else {
            for (int j = 0; j < dims; j++) {
              sparseRows.add(j, block.value(row, j));
            }
          }
          sparseRows.commitRow(block.labels()[row], block.weight(row));
          if (sparseRows.isFull()) {
            out.add(sparseRows.build());
          }
        }
      }
      if (dense ? !denseRows.isEmpty() : !sparseRows.isEmpty()) {
        out.add(dense ? built(denseRows) : sparseRows.build());
      }
      return out;
    }

    private Block built(BlockBuilder rows) {
      DenseBlock b = rows.build();
      return floats ? DenseFloatBlock.of(b) : b;
    }
  }
}
