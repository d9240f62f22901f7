package sparkdgd.train;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.score.Spread;

/**
 * The warning for mini-batches drawn in runs of neighbouring rows ({@code --batch-run-rows}) from rows that are not in
 * random order: a file sorted by time, key or label puts alike rows side by side, each run is then a few alike rows,
 * and the batch gradient varies more than a batch of as many rows drawn one by one (on a file sorted by label, a
 * constant step's mean gap to the optimum was 1.75 times row by row's in runs of 64, docs/CONVERGENCE.md).
 *
 * <p>What it measures is the labels' correlation between neighbouring rows of a block, {@code 1 - mean((y[i] -
 * y[i-1])^2) / (2 var(y))} (one minus half von Neumann's ratio): about 0 in random order (within a few
 * {@code 1 / sqrt(pairs)}), near 1 sorted by label. Alike labels are a sign, not a proof: rows sorted by a feature
 * that predicts the label have alike labels and unalike residuals, which runs do not mind; the warning says so.
 * One job over the cached labels, run only for batches in runs without {@code --shuffle-rows}.
 *
 * <p>Labels miss an order the features do not explain when it moves the label little against the features (a trend
 * in time: a review's 200,000 time-ordered rows had labels correlated 0.05 and residuals 0.75, and runs of 200 left a
 * constant step 13.6 times further from the optimum than rows drawn one by one). So after training, where the labels
 * did not speak, {@link #residualWarning} measures the same correlation on the rows' gradient multipliers at the
 * model found (the residuals for the squared loss): one more pass over the cached blocks.
 */
public final class AlikeNeighbours {
  /**
   * A neighbour correlation above this, and above {@link #STANDARD_ERRORS} of random order's standard error
   * {@code 1 / sqrt(pairs)}, is told: 0.1 is 10 standard errors at 10,000 pairs, and below 2,500 pairs the bar is
   * {@code 5 / sqrt(pairs)} (a review's simulation of rows in random order with the bar at 0.1 alone: 23% of runs of
   * 100 rows and 13% of 200 were told).
   */
  static final double ALIKE = 0.1;
  static final double STANDARD_ERRORS = 5;

  private AlikeNeighbours() {}

  /** The warning for {@code blocks} under {@code opt}, if its batches are in runs of alike rows. */
  public static Optional<String> warning(JavaRDD<Block> blocks, OptimizerSettings opt) {
    if (!inRunsOfFileOrder(opt)) {
      return Optional.empty();
    }
    Sums labels = sums(blocks, Block::labels, "neighbour correlation of the labels (--batch-run-rows)");
    return warning(labels.correlation(), labels.pairs(), opt.batchRunRows());
  }

  /** Whether {@code opt} draws mini-batches in runs of rows left in the order they were read. */
  private static boolean inRunsOfFileOrder(OptimizerSettings opt) {
    return opt.miniBatch() && opt.batchRunRows() > 1 && !opt.shuffleRows();
  }

  /** Whether a correlation over {@code pairs} neighbours is beyond random order's. */
  static boolean alike(double correlation, long pairs) {
    return correlation > Math.max(ALIKE, STANDARD_ERRORS / Math.sqrt(pairs));
  }

  /**
   * After training, where {@link #warning} said nothing: the warning for batches in runs whose rows' gradient
   * multipliers at the model found ({@code coefficients}, {@code intercept}) are alike between neighbours.
   */
  public static Optional<String> residualWarning(JavaRDD<Block> blocks, OptimizerSettings opt, double[] coefficients,
      double intercept, PointLoss loss) {
    if (!inRunsOfFileOrder(opt)) {
      return Optional.empty();
    }
    Sums residuals = sums(blocks, block -> multipliers(block, coefficients, intercept, loss),
        "neighbour correlation of the residuals (--batch-run-rows)");
    if (!alike(residuals.correlation(), residuals.pairs())) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the residuals of neighbouring rows are alike (their correlation "
        + "is %.2f at the model found, which reads higher the further it is from the optimum; about 0 in random "
        + "order): the rows are in an order the features do not explain (a trend in time, say), and each batch in "
        + "runs of %d rows held a few bands of alike rows, whose gradient varies more than that of as many rows drawn "
        + "one by one (docs/CONVERGENCE.md: Row order); add --shuffle-rows to put the rows in random order as they "
        + "are cached", residuals.correlation(), opt.batchRunRows()));
  }

  /** The sums of the values {@code of} gives each block's rows, over every partition, as a job named {@code what}. */
  private static Sums sums(JavaRDD<Block> blocks, BlockValues of, String what) {
    SparkContext sc = blocks.context();
    String before = sc.getLocalProperty(JOB_DESCRIPTION);
    sc.setJobDescription(what);
    try {
      return blocks.mapPartitions(it -> List.of(Sums.of(it, of)).iterator()).reduce(Sums::plus);
    } finally {
      sc.setLocalProperty(JOB_DESCRIPTION, before);
    }
  }

  private static final String JOB_DESCRIPTION = "spark.job.description";

  /** A block's rows' gradient multipliers under the model (the residual {@code w.x + b - y} for least squares). */
  static double[] multipliers(Block block, double[] coefficients, double intercept, PointLoss loss) {
    int n = block.rows();
    double[] margins = new double[n];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      margins[i] = intercept + block.dot(i, coefficients);
      rows[i] = i;
    }
    // d = 0: the loss writes its sums (the logistic loss its AUC histogram too) after d slots, none needed here
    loss.toMultipliers(margins, n, rows, 0, block.labels(), null, 1.0, new double[LossKernel.width(0, loss)], 0);
    return margins;
  }

  /** The values of a block's rows whose neighbours are compared. */
  interface BlockValues extends Serializable {
    double[] of(Block block);
  }

  static Optional<String> warning(double correlation, long pairs, int runRows) {
    if (!alike(correlation, pairs)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "neighbouring rows have alike labels (their correlation is %.2f; "
        + "about 0 in random order): the input looks sorted, and a batch in runs of %d rows then holds a few bands "
        + "of alike rows, whose gradient varies more than that of as many rows drawn one by one (docs/CONVERGENCE.md: "
        + "Row order); add --shuffle-rows to put the rows in random order as they are cached, or leave this be if "
        + "the rows are sorted by a feature that explains the label", correlation, runRows));
  }

  /**
   * Sums of some rows' values (labels, residuals): their {@link Spread} (count, mean, sum of squared deviations), and
   * the squared differences of neighbours within a block, with their count. A class, not a record: Spark's Kryo
   * cannot serialize a record, and the partitions' sums travel as they are.
   */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Sums NONE = new Sums(new Spread(), 0, 0);

    private final Spread spread;
    private final double neighbourSquares;
    private final long pairs;

    private Sums(Spread spread, double neighbourSquares, long pairs) {
      this.spread = spread;
      this.neighbourSquares = neighbourSquares;
      this.pairs = pairs;
    }

    /** The sums of the blocks' labels. */
    static Sums of(Iterator<Block> blocks) {
      return of(blocks, Block::labels);
    }

    static Sums of(Iterator<Block> blocks, BlockValues values) {
      Spread spread = new Spread();
      double neighbourSquares = 0;
      long pairs = 0;
      while (blocks.hasNext()) {
        Block b = blocks.next();
        double[] y = values.of(b);
        for (int i = 0; i < b.rows(); i++) {
          spread.add(y[i]);
          if (i > 0) {
            double step = y[i] - y[i - 1];
            neighbourSquares += step * step;
            pairs++;
          }
        }
      }
      return new Sums(spread, neighbourSquares, pairs);
    }

    /** These sums and {@code o}'s, as new sums ({@code this} or {@code o} when the other is empty). */
    Sums plus(Sums o) {
      if (o.n() == 0) {
        return this;
      }
      if (n() == 0) {
        return o;
      }
      return new Sums(new Spread().merge(spread).merge(o.spread), neighbourSquares + o.neighbourSquares,
          pairs + o.pairs);
    }

    long n() {
      return spread.count();
    }

    double mean() {
      return spread.mean();
    }

    double squares() {
      return spread.squares();
    }

    long pairs() {
      return pairs;
    }

    /** The neighbours' correlation; NaN without pairs or without variation. */
    double correlation() {
      if (pairs == 0 || !(squares() > 0)) {
        return Double.NaN;
      }
      return 1 - (neighbourSquares / pairs) / (2 * squares() / n());
    }
  }
}
