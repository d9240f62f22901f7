package sparkdgd.block;

import java.io.Serializable;

/** One partition's sums over its blocks (in block order) and its row count. */
public record PartitionSums(double[] sums, long rows) implements Serializable {}
