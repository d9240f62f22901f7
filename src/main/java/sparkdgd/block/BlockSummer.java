package sparkdgd.block;

import java.io.Serializable;

/** Adds one block's contribution into a partition's accumulator array. Runs inside tasks. */
@FunctionalInterface
public interface BlockSummer extends Serializable {
  void add(Block block, double[] accumulator);
}
