package sparkdgd.resident;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import sparkdgd.block.Block;

/**
 * One partition of a set of cached blocks as a resident task holds it: which set (the training blocks, the
 * validation blocks), its index in that set (which seeds its mini-batches), its blocks, in the order a job's task
 * reads them, and their row counts, read once here so that a mini-batch's pass leaves the blocks its sample takes
 * no row from unread (a block's header is a cache miss of its own; a 0.0001 batch at 1e7 x 10 took 0.35-0.43 ms
 * instead of 0.46-0.58, a 0.01 batch no less, docs/BENCHMARKS.md, session 23). Deserialized storage levels hand over
 * the cached objects themselves, so holding them copies nothing.
 */
record PartitionBlocks(int set, int index, List<Block> blocks, int[] rows) {
  static PartitionBlocks of(int set, int index, Iterator<Block> blocks) {
    List<Block> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return new PartitionBlocks(set, index, list, list.stream().mapToInt(Block::rows).toArray());
  }
}
