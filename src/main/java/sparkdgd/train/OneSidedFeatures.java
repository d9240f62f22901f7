package sparkdgd.train;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.SparseBlock;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;

/**
 * The features of a logistic regression without a penalty whose weight has no finite optimum: those whose every value
 * has the sign of its row's class (positive in class 1, negative in class 0), or every value the other sign: a rare
 * word seen in three positive documents, or a column that leaks the label as 2y - 1. Moving such a weight the one way
 * moves the margin of every row that holds the feature towards its own class and changes no other, so the log-loss
 * only ever falls along it: the weight ends wherever the run stops (a user review's
 * feature in three positive rows of 50,000 got 3.8 from gd, 9.9 from L-BFGS and 25.7 from L-BFGS at --tol 0, with no
 * warning). Found in one pass over the training blocks: a bit a feature for "a value that favours its row's class"
 * and one for "a value that goes against it"; a feature with the first and not the second is one-sided. Rows of weight
 * 0 ({@code --weight-col}) add nothing to the log-loss, and count for neither bit.
 *
 * @param favours   the features holding a value whose sign is its row's class (positive in class 1, negative in 0)
 * @param against   the features holding a value of the other sign
 * @param weightless the features holding a value in a row of weight 0 (present, for {@link #present})
 * @param dims      the model's features
 */
record OneSidedFeatures(BitSet favours, BitSet against, BitSet weightless, int dims) {
  /** The bits of rows that all weigh something. */
  OneSidedFeatures(BitSet favours, BitSet against, int dims) {
    this(favours, against, new BitSet(dims), dims);
  }

  /** At most this many features are named. */
  private static final int NAMED = 3;

  /** Whether {@code loss} has such features to look for: logistic without a penalty (any penalty makes it finite). */
  static boolean apply(LossSettings loss) {
    return loss.loss() == LossKind.LOGISTIC && loss.regParam() == 0;
  }

  /**
   * The two bits of every feature over {@code blocks}, whose labels are the classes 0 and 1. A dense block is walked
   * over the features not yet seen both ways only, which after the first rows are few (at most those that are one
   * sided, or zero, so far); a partition stops once none is left.
   */
  static OneSidedFeatures of(JavaRDD<Block> blocks, int dims) {
    BitSet[] both = blocks.mapPartitions(it -> {
      BitSet favours = new BitSet(dims);
      BitSet against = new BitSet(dims);
      BitSet weightless = new BitSet(dims);
      int[] open = new int[dims]; // the features not yet seen both ways, in order
      for (int j = 0; j < dims; j++) {
        open[j] = j;
      }
      int openCount = dims;
      while (it.hasNext() && openCount > 0) {
        Block b = it.next();
        double[] labels = b.labels();
        if (b instanceof SparseBlock s) {
          int[] starts = s.rowStarts();
          int[] indices = s.indices();
          double[] values = s.values();
          for (int i = 0; i < s.rows(); i++) {
            boolean weighs = s.weight(i) != 0;
            for (int k = starts[i]; k < starts[i + 1]; k++) {
              mark(weighs ? favours : weightless, weighs ? against : weightless, indices[k], values[k], labels[i]);
            }
          }
        } else {
          for (int i = 0; i < b.rows(); i++) {
            boolean weighs = b.weight(i) != 0;
            for (int o = 0; o < openCount; o++) {
              mark(weighs ? favours : weightless, weighs ? against : weightless, open[o], b.value(i, open[o]),
                  labels[i]);
            }
          }
        }
        int kept = 0;
        for (int o = 0; o < openCount; o++) {
          if (!(favours.get(open[o]) && against.get(open[o]))) {
            open[kept++] = open[o];
          }
        }
        openCount = kept;
      }
      return List.<BitSet[]>of(new BitSet[] {favours, against, weightless}).iterator();
    }).fold(new BitSet[] {new BitSet(dims), new BitSet(dims), new BitSet(dims)}, (a, b) -> {
      BitSet[] or = new BitSet[a.length];
      for (int k = 0; k < a.length; k++) {
        or[k] = (BitSet) a[k].clone();
        or[k].or(b[k]);
      }
      return or;
    });
    return new OneSidedFeatures(both[0], both[1], both[2], dims);
  }

  private static void mark(BitSet favours, BitSet against, int j, double value, double label) {
    if (value != 0) {
      ((value > 0) == (label > 0.5) ? favours : against).set(j);
    }
  }

  /** The one-sided features, in order. */
  BitSet oneSided() {
    BitSet one = (BitSet) favours.clone();
    one.xor(against); // one of the two bits, not both
    return one;
  }

  /** The features holding a value in some row: what {@link AbsentFeatures} counts, from the same pass. */
  BitSet present() {
    BitSet any = (BitSet) favours.clone();
    any.or(against);
    any.or(weightless);
    return any;
  }

  /** The warning naming up to three of them, with their count; empty when there are none. */
  Optional<String> warning(List<String> names) {
    BitSet one = oneSided();
    int count = one.cardinality();
    if (count == 0) {
      return Optional.empty();
    }
    List<String> some = new ArrayList<>();
    for (int j = one.nextSetBit(0); j >= 0 && some.size() < NAMED; j = one.nextSetBit(j + 1)) {
      some.add(names.get(j));
    }
    boolean single = count == 1;
    return Optional.of(String.format(Locale.ROOT, "%s (%,d of the %,d feature%s) %s values whose signs all follow "
            + "the rows' classes (positive in class 1 and negative in class 0, or all the reverse; a rare feature in "
            + "rows of one class is such), so that moving %s weight one way only ever lowers the log-loss: without a "
            + "penalty %s no finite optimum and end%s wherever the run stops; add --reg-param (e.g. 1e-4) for a "
            + "finite model, or check %s for a leak of the label",
        String.join(", ", some) + (count > some.size() ? ", ..." : ""), count, dims, dims == 1 ? "" : "s",
        single ? "holds" : "each hold", single ? "its" : "such a", single ? "its weight has" : "their weights have",
        single ? "s" : "", single ? "it" : "them"));
  }
}
