package sparkdgd.block;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The exact total of partitions' sums on the driver, kept as one {@link ExactSum} per slice of positions: a wide
 * sum (a model of many features) is added by all the driver's cores at once, a slice each, which gives the same
 * exact totals as one sum since each position's is its own (9 partitions of a 3e6-wide gradient took a third of an
 * epoch on one core). Partitions are added either all at once ({@link #addAll}) or one by one as their tasks end
 * ({@link #add}), so that the driver holds one partition's sums at a time, not all of them.
 */
final class RunningTotal {
  private final int width;
  private final ExactSum[] slices;
  private long rows;

  /** A total of {@code width} positions in {@code slices} slices (as even as they go). */
  RunningTotal(int width, int slices) {
    if (slices < 1 || slices > Math.max(1, width)) {
      throw new IllegalArgumentException(slices + " slices of " + width + " positions");
    }
    this.width = width;
    this.slices = new ExactSum[slices];
    for (int s = 0; s < slices; s++) {
      this.slices[s] = new ExactSum(from(s + 1) - from(s));
    }
  }

  /** Where slice s starts (and slice s - 1 ends). */
  private int from(int s) {
    return (int) ((long) width * s / slices.length);
  }

  /** Adds one partition's sums, each slice on its own core when there are several. */
  void add(PartitionSums p) {
    ExactSum.checkWidth(width, p.sums().length);
    if (slices.length == 1) {
      slices[0].addSlice(p.sums(), 0);
    } else {
      IntStream.range(0, slices.length).parallel().forEach(s -> slices[s].addSlice(p.sums(), from(s)));
    }
    rows += p.rows();
  }

  /** Adds every partition's sums: each slice of all of them on its own core (one fork-join, not one a partition). */
  RunningTotal addAll(List<PartitionSums> parts) {
    for (PartitionSums p : parts) {
      ExactSum.checkWidth(width, p.sums().length);
      rows += p.rows();
    }
    if (slices.length == 1) { // every pass of a narrow model: no fork-join round trip
      addSlice(parts, 0);
    } else {
      IntStream.range(0, slices.length).parallel().forEach(s -> addSlice(parts, s));
    }
    return this;
  }

  private void addSlice(List<PartitionSums> parts, int s) {
    for (PartitionSums p : parts) {
      slices[s].addSlice(p.sums(), from(s));
    }
  }

  /** The totals rounded to doubles, and the rows added. */
  BlockPass.Totals totals() {
    double[] out = new double[width];
    for (int s = 0; s < slices.length; s++) {
      System.arraycopy(slices[s].toDoubles(), 0, out, from(s), from(s + 1) - from(s));
    }
    return new BlockPass.Totals(out, rows);
  }
}
