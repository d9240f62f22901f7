package sparkdgd.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Product;
import scala.Tuple2;

/**
 * The area under the ROC curve over every row's score, exactly: the weight of (positive, negative) pairs the
 * positive outranks, ties counting half, over the weight of all such pairs (the Mann-Whitney statistic, which
 * Spark's {@code BinaryClassificationMetrics} with 0 bins gives by the trapezoids of its curve). Spark's combines an
 * object per distinct score and partition, shuffles and sorts them, and counts them again; here each partition sorts
 * its rows into runs of equal scores held in primitive arrays, the runs are cut at score boundaries drawn from them and
 * shuffled as a few arrays a partition, and each range of scores is counted on its own: the driver adds the ranges in
 * order. On 1e6 rows of distinct scores a logistic training run took 14.4-19.4 s with Spark's, 6.3-8.6 s with this
 * (its epochs 1.4 s). NaN where either class has no weight (Spark's answers 1.0 or 0.0 there). Each range's pieces are
 * merged two at a time: with thousands of partitions a k-way merge would do better.
 */
public final class ExactAuc {
  /** The scores each partition offers for the ranges' boundaries. */
  static final int SAMPLE_PER_PARTITION = 200;

  private ExactAuc() {}

  /**
   * The distinct scores of some rows, ascending, each with the weight of its positive and of its negative rows.
   */
  record Runs(double[] scores, double[] positive, double[] negative) {
    /** As the RDDs hold them: plain arrays ({@code double[][]} is registered with Kryo: BlockKryoRegistrator). */
    double[][] arrays() {
      return new double[][] {scores, positive, negative};
    }

    static Runs of(double[][] arrays) {
      return new Runs(arrays[0], arrays[1], arrays[2]);
    }

    int size() {
      return scores.length;
    }

    /** The runs from {@code from} (inclusive) to {@code to} (exclusive). */
    Runs slice(int from, int to) {
      return new Runs(Arrays.copyOfRange(scores, from, to), Arrays.copyOfRange(positive, from, to),
          Arrays.copyOfRange(negative, from, to));
    }

    /**
     * Runs of rows given as {@code scores}, {@code labels} (positive above 0.5) and {@code weights} ({@code count}
     * of each), sorted by score, equal scores merged.
     */
    static Runs of(double[] scores, double[] labels, double[] weights, int count) {
      // the distinct scores, sorted as primitives; each row's weight added to its score's run, found by a search
      double[] sorted = Arrays.copyOf(scores, count);
      Arrays.sort(sorted);
      int runs = 0;
      for (int i = 0; i < count; i++) {
        if (runs == 0 || Double.compare(sorted[runs - 1], sorted[i]) != 0) {
          sorted[runs++] = sorted[i];
        }
      }
      double[] s = Arrays.copyOf(sorted, runs);
      double[] p = new double[runs];
      double[] n = new double[runs];
      for (int i = 0; i < count; i++) {
        int run = Arrays.binarySearch(s, scores[i]);
        if (labels[i] > 0.5) {
          p[run] += weights[i];
        } else {
          n[run] += weights[i];
        }
      }
      return new Runs(s, p, n);
    }

    /** These runs and {@code other}'s as one: sorted, equal scores merged. */
    Runs merge(Runs other) {
      int total = size() + other.size();
      double[] s = new double[total];
      double[] p = new double[total];
      double[] n = new double[total];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < size() || j < other.size()) {
        boolean mine = j >= other.size() || i < size() && Double.compare(scores[i], other.scores[j]) <= 0;
        double score = mine ? scores[i] : other.scores[j];
        if (k == 0 || Double.compare(s[k - 1], score) != 0) {
          s[k++] = score;
        }
        p[k - 1] += mine ? positive[i] : other.positive[j];
        n[k - 1] += mine ? negative[i] : other.negative[j];
        if (mine) {
          i++;
        } else {
          j++;
        }
      }
      return new Runs(Arrays.copyOf(s, k), Arrays.copyOf(p, k), Arrays.copyOf(n, k));
    }
  }

  /**
   * One range of scores counted: the weight of (positive, negative) pairs within it that the positive outranks,
   * ties half, and its positive and negative weights.
   */
  record Range(int index, double wins, double positive, double negative) {
    /** As a task returns it: {index, wins, positive, negative}. */
    double[] array() {
      return new double[] {index, wins, positive, negative};
    }

    static Range of(double[] array) {
      return new Range((int) array[0], array[1], array[2], array[3]);
    }

    static Range of(int index, Runs runs) {
      double below = 0;
      double wins = 0;
      double positive = 0;
      for (int k = 0; k < runs.size(); k++) {
        wins += runs.positive()[k] * (below + runs.negative()[k] / 2);
        below += runs.negative()[k];
        positive += runs.positive()[k];
      }
      return new Range(index, wins, positive, below);
    }
  }

  /**
   * The AUC of (score, label) pairs or (score, label, weight) triples, a label above 0.5 being positive; NaN where
   * either class has no weight.
   */
  public static double of(JavaRDD<Product> scored) {
    JavaRDD<double[][]> runs = scored.mapPartitions(it -> {
      List<Product> rows = new ArrayList<>();
      it.forEachRemaining(rows::add);
      double[] scores = new double[rows.size()];
      double[] labels = new double[rows.size()];
      double[] weights = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        Product t = rows.get(i);
        scores[i] = (Double) t.productElement(0) + 0.0; // -0.0 is 0.0: a tie, not a rank below
        labels[i] = (Double) t.productElement(1);
        weights[i] = t.productArity() > 2 ? (Double) t.productElement(2) : 1;
      }
      return java.util.Collections.singletonList(Runs.of(scores, labels, weights, rows.size()).arrays()).iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int ranges = Math.max(1, runs.getNumPartitions());
      double[] bounds = boundaries(runs, ranges);
      List<Range> counted = new ArrayList<>(runs.flatMapToPair(arrays -> {
        Runs r = Runs.of(arrays);
        List<Tuple2<Integer, double[][]>> pieces = new ArrayList<>();
        int from = 0;
        for (int b = 0; b <= bounds.length && from < r.size(); b++) {
          int to = b < bounds.length ? firstAbove(r.scores(), bounds[b], from) : r.size();
          if (to > from) {
            pieces.add(new Tuple2<>(b, r.slice(from, to).arrays()));
          }
          from = to;
        }
        return pieces.iterator();
      }).partitionBy(new HashPartitioner(ranges)).reduceByKey((a, b) -> Runs.of(a).merge(Runs.of(b)).arrays())
          .map(t -> Range.of(t._1(), Runs.of(t._2())).array()).collect().stream().map(Range::of).toList());
      counted.sort((a, b) -> Integer.compare(a.index(), b.index()));
      double wins = 0;
      double positive = 0;
      double negative = 0;
      for (Range r : counted) { // every negative of a lower range is below every positive of this one
        wins += r.wins() + r.positive() * negative;
        positive += r.positive();
        negative += r.negative();
      }
      return positive > 0 && negative > 0 ? wins / (positive * negative) : Double.NaN;
    } finally {
      runs.unpersist(false);
    }
  }

  /**
   * {@code ranges - 1} ascending scores that cut the rows into ranges of about equal numbers of distinct scores,
   * from a sample of every partition's; a range holds the scores up to its boundary (inclusive).
   */
  private static double[] boundaries(JavaRDD<double[][]> runs, int ranges) {
    if (ranges == 1) {
      return new double[0];
    }
    List<double[]> samples = runs.map(arrays -> {
      double[] scores = arrays[0];
      int take = Math.min(SAMPLE_PER_PARTITION, scores.length);
      double[] s = new double[take];
      for (int k = 0; k < take; k++) {
        s[k] = scores[(int) ((long) k * scores.length / take)];
      }
      return s;
    }).collect();
    double[] all = samples.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    if (all.length == 0) {
      return new double[0];
    }
    return java.util.stream.IntStream.range(1, ranges).mapToDouble(b -> all[(int) ((long) b * all.length / ranges)])
        .distinct().toArray();
  }

  /** The first index from {@code from} on whose score is above {@code bound} (scores ascending). */
  private static int firstAbove(double[] scores, double bound, int from) {
    int lo = from;
    int hi = scores.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(scores[mid], bound) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
