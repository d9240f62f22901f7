package sparkdgd.train;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.SparseBlock;

/**
 * The features of sparse input (LIBSVM, sparse vectors) that hold no value in any training row: their weights stay 0,
 * and they are no parameters the rows have to determine. A review's 20,000 rows read with {@code --num-features
 * 1000000} were told "20,000 training rows for 1,000,001 parameters" where 1,980 features hold a value; a one-based file
 * read with {@code --zero-based} trained an x1 that no row has, without a word. One pass over the cached sparse blocks,
 * each partition's features as a bit set (125 kB at a million features), merged by or.
 *
 * @param present the features holding a non-zero value in some row
 * @param dims    the model's features
 */
record AbsentFeatures(BitSet present, int dims) {
  /** At most this many absent features are named. */
  private static final int NAMED = 3;

  /** The features present in {@code blocks}: for sparse input (dense columns that never vary are told by their spread). */
  static AbsentFeatures of(JavaRDD<Block> blocks, int dims) {
    BitSet present = blocks.mapPartitions(it -> {
      BitSet seen = new BitSet(dims);
      while (it.hasNext()) {
        Block b = it.next();
        if (b instanceof SparseBlock s) {
          int[] indices = s.indices();
          double[] values = s.values();
          for (int k = 0; k < s.rowStarts()[s.rows()]; k++) {
            if (values[k] != 0) {
              seen.set(indices[k]);
            }
          }
        } else { // a dense block among sparse ones (a dense vector first in its block)
          for (int i = 0; i < b.rows(); i++) {
            for (int j = 0; j < dims; j++) {
              if (b.value(i, j) != 0) {
                seen.set(j);
              }
            }
          }
        }
      }
      return List.of(seen).iterator();
    }).fold(new BitSet(dims), (a, b) -> {
      BitSet or = (BitSet) a.clone();
      or.or(b);
      return or;
    });
    return new AbsentFeatures(present, dims);
  }

  /** The features that hold a value. */
  int presentCount() {
    return present.cardinality();
  }

  /**
   * An x1 that no row holds where indices start at 0: a one-based file read with {@code --zero-based}, whose every
   * weight then belongs to the feature after its own (a doubt about the model).
   */
  Optional<String> zeroBasedWarning(List<String> names, boolean zeroBased) {
    if (zeroBased && dims > 0 && !present.get(0)) {
      return Optional.of(String.format(Locale.ROOT, "%s (index 0) holds no value in any training row: with "
          + "--zero-based, index 0 is the first feature; if the file's indices start at 1, leave out --zero-based",
          names.get(0)));
    }
    return Optional.empty();
  }

  /**
   * At least half the features holding no value: a {@code --num-features} far above the data's, when given. A notice
   * about a setting, not a doubt about the model (the weights of features no row holds stay 0, as they should): a
   * hashed or fixed vocabulary leaves most of its indices unused, and a review's 2^20-feature fit was thrown away by
   * --fail-on-warning for it.
   */
  Optional<String> mostlyAbsentNotice(List<String> names, boolean numFeaturesGiven, boolean libsvm) {
    int absent = dims - presentCount();
    if (absent == 0 || 2L * absent < dims) {
      return Optional.empty();
    }
    List<String> some = new ArrayList<>();
    for (int j = present.nextClearBit(0); j < dims && some.size() < NAMED; j = present.nextClearBit(j + 1)) {
      some.add(names.get(j));
    }
    // without --num-features the count is the largest index in the data: no flag to question (a review)
    return Optional.of(String.format(Locale.ROOT, "%,d of the %,d features hold no value in any training row (%s%s): "
        + "their weights stay 0; %s", absent, dims, String.join(", ", some), absent > some.size() ? ", ..." : "",
        numFeaturesGiven ? "is --num-features larger than the data's?" : libsvm
            ? "the count is the largest index the data holds, so most indices below it are unused"
            : "the count is the vectors' size, so most of their elements are unused"));
  }
}
