package sparkdgd.resident;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import sparkdgd.block.Block;

/**
 * One partition of the cached blocks as a resident task holds it: its index (which seeds its mini-batches)
 * and its blocks, in the order a job's task reads them. Deserialized storage levels hand over the cached
 * objects themselves, so holding them copies nothing.
 */
record PartitionBlocks(int index, List<Block> blocks) {
  static PartitionBlocks of(int index, Iterator<Block> blocks) {
    List<Block> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return new PartitionBlocks(index, list);
  }
}
