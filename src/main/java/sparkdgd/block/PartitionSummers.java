package sparkdgd.block;

import java.io.Serializable;

/**
 * Makes the {@link BlockSummer} of one partition, inside its task: for passes whose work depends on
 * the partition, such as a mini-batch sampled from (seed, iteration, partition).
 */
@FunctionalInterface
public interface PartitionSummers extends Serializable {
  BlockSummer forPartition(int partitionIndex);
}
