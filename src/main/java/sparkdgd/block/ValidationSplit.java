package sparkdgd.block;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Holds out a deterministic fraction of the rows for validation: row {@code i} of partition {@code p}
 * goes to validation when a hash of (seed, p, i) falls below the fraction, so the split depends only on
 * the data, its partitioning and the seed. Both parts are cached as blocks of their own, so training
 * passes stay plain full passes over packed arrays.
 */
public final class ValidationSplit {
  private ValidationSplit() {}

  /** The training and the validation blocks. */
  public record Parts(JavaRDD<Block> training, JavaRDD<Block> validation) {}

  public static Parts split(JavaRDD<Block> blocks, double fraction, long seed, StorageLevel level) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("Expected a validation fraction in (0, 1), got " + fraction);
    }
    JavaRDD<Block> training = blocks.mapPartitionsWithIndex(
        (p, it) -> keep(it, p, seed, fraction, false), true).persist(level);
    JavaRDD<Block> validation = blocks.mapPartitionsWithIndex(
        (p, it) -> keep(it, p, seed, fraction, true), true).persist(level);
    return new Parts(training, validation);
  }

  /** Whether row {@code row} of partition {@code partition} is held out. */
  public static boolean heldOut(long seed, int partition, long row, double fraction) {
    long z = RowSampler.mix(seed ^ 0x5DEECE66DL, (int) (row ^ (row >>> 32)), partition) ^ row * 0x2545F4914F6CDD1DL;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z ^= z >>> 33;
    return (z >>> 11) * 0x1.0p-53 < fraction;
  }

  private static Iterator<Block> keep(Iterator<Block> it, int partition, long seed, double fraction,
      boolean validation) {
    List<Block> out = new ArrayList<>();
    long row = 0;
    while (it.hasNext()) {
      Block b = it.next();
      int[] rows = new int[b.rows()];
      int count = 0;
      for (int i = 0; i < b.rows(); i++, row++) {
        if (heldOut(seed, partition, row, fraction) == validation) {
          rows[count++] = i;
        }
      }
      if (count > 0) {
        out.add(count == b.rows() ? b : b.subset(rows, count));
      }
    }
    return out.iterator();
  }
}
