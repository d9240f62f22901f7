package sparkdgd.block;

/**
 * Runs passes over one set of cached blocks: every partition's blocks summed by the summer made for that
 * partition, the partitions added exactly. {@link BlockPass#jobs} runs each pass as a Spark job;
 * {@code sparkdgd.resident.ResidentTasks} runs it on tasks that stay up between passes. Both give the
 * same bits.
 */
@FunctionalInterface
public interface BlockPasses {
  /**
   * @param width length of the accumulator array the summers write into
   */
  BlockPass.Totals run(PartitionSummers summers, int width);
}
