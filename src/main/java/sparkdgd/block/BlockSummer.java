package sparkdgd.block;

import java.io.Serializable;

/** Adds one block's contribution into a partition's accumulator array. Runs inside tasks. */
@FunctionalInterface
public interface BlockSummer extends Serializable {
  void add(Block block, double[] accumulator);

  /** Called once after the partition's last block: adds whatever the summer held back (nothing by default). */
  default void finish(double[] accumulator) {}
}
