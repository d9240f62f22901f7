package sparkdgd.block;

import java.io.Serializable;

/** Adds one block's contribution into a partition's accumulator array. Runs inside tasks. */
@FunctionalInterface
public interface BlockSummer extends Serializable {
  void add(Block block, double[] accumulator);

  /**
   * Whether this summer takes nothing from the partition's next block, of {@code rows} rows; if so it has moved
   * past the block as {@link #add} would have, and the pass does not call {@link #add} (nor need it read the
   * block). Summers over every row say no, the default.
   */
  default boolean skips(int rows) {
    return false;
  }

  /**
   * Called once after the partition's last block, for a summer that holds some of its work back across blocks
   * (such as a mini-batch's runs, summed four at a time): adds what it still holds. The default holds nothing.
   */
  default void finish(double[] accumulator) {}

  /**
   * {@code adder}, which adds the rows {@code sample} chooses, skipping the blocks {@code sample} takes no row
   * from ({@link RowSampler.Cursor#skip}).
   */
  static BlockSummer sampling(RowSampler.Cursor sample, BlockSummer adder) {
    return new BlockSummer() {
      @Override
      public void add(Block block, double[] accumulator) {
        adder.add(block, accumulator);
      }

      @Override
      public boolean skips(int rows) {
        return sample.skip(rows);
      }

      @Override
      public void finish(double[] accumulator) {
        adder.finish(accumulator);
      }
    };
  }
}
