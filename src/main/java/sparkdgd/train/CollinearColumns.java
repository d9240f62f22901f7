package sparkdgd.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;

/**
 * Tells a run whose features are collinear: a column that is, over every row, a linear combination of earlier ones
 * (a2 = 2 a, total = a + b + c, one-hot columns beside the intercept: c = 1 - a - b). A constant column is not told
 * here (its weight is 0 with an intercept). The data then cannot tell their weights
 * apart, any split with the same combined effect fits equally, and the run had reported one split without a word (a
 * review's). Spark ML's normal-equation solver refuses such data; gradient descent trains on it, so this warns.
 *
 * <p>Found on a sample, proved on every row: the first rows of each partition (up to {@link #SAMPLE_ROWS} in all)
 * give the features' cross products about their means (raw without an intercept), whose correlation matrix a
 * Cholesky factorisation walks column by column; a column whose part left after its regression on the earlier kept
 * columns is below {@link #DEPENDENT_BELOW} of its variance is a candidate, with its regression's coefficients. One
 * pass over all the rows then measures each candidate's residual {@code x_j - c - sum_k beta_k x_k}: only where it
 * stays below {@link #CONFIRMED_BELOW} of the column's variance is it told, so a column that only the sample's rows
 * tie to others (a rare value outside it) is not. Columns constant in the sample take no part. Dense or sparse, up to
 * {@link #MAX_FEATURES} features (the cross products cost d^2 a sampled row), and only with more rows than
 * parameters (fewer are collinear by count, which {@code FewRows} tells).
 */
final class CollinearColumns {
  /** Up to this many features (the sample's cross products: d^2 / 2 a row). */
  static final int MAX_FEATURES = 200;

  /**
   * At most this many rows in the sample, taken from the start of every partition alike; fewer where the sample's
   * cross products would pass {@link #PRODUCTS} (from about 60 features on), but at least {@link #MIN_SAMPLE_ROWS}.
   */
  static final int SAMPLE_ROWS = 20_000;

  /** The sample's cross products, d (d + 1) / 2 a row, are held to about this many: 1 s at 200 features was too long. */
  static final long PRODUCTS = 20_000_000;

  /** The fewest rows sampled: ten times the most features. */
  static final int MIN_SAMPLE_ROWS = 2_000;

  /** A sampled column whose residual variance is below this fraction of its variance is a candidate. */
  static final double DEPENDENT_BELOW = 1e-9;

  /** A candidate whose residual over every row is below this fraction of its variance there is told. */
  static final double CONFIRMED_BELOW = 1e-8;

  /** At most this many columns are named; the message counts the rest. */
  private static final int NAMED = 3;

  /** At most this many terms of a combination are written; the message counts the rest. */
  private static final int TERMS = 6;

  /** A term below this fraction of the largest (in correlation units), or a constant below it of the centres'. */
  private static final double NEGLIGIBLE = 1e-9;

  private CollinearColumns() {}

  /** A column found to be {@code intercept + sum_k coefficients[k] x_{columns[k]}} over the sample. */
  record Dependency(int column, int[] columns, double[] coefficients, double intercept) implements Serializable {}

  /**
   * The warning for {@code blocks}' features, if any column is collinear with earlier ones over every row.
   *
   * @param means     the features' means over all rows (the centre of the sample's cross products with an intercept)
   * @param intercept whether the model has an intercept (then a constant combination counts as collinear, and the
   *                  columns are centred)
   */
  static Optional<String> warning(JavaRDD<Block> blocks, long rows, double[] means, boolean intercept,
      List<String> features, boolean l1Given) {
    int d = means.length;
    if (d < 2 || d > MAX_FEATURES || rows <= d + (intercept ? 1 : 0)) {
      return Optional.empty();
    }
    long sample = Math.max(MIN_SAMPLE_ROWS, Math.min(SAMPLE_ROWS, PRODUCTS / (d * (d + 1L) / 2)));
    int perPartition = (int) Math.max(16, (sample + blocks.getNumPartitions() - 1) / blocks.getNumPartitions());
    double[] centre = intercept ? means.clone() : new double[d];
    double[] products = blocks.mapPartitions(it -> Collections.singletonList(sampleProducts(it, centre, perPartition))
        .iterator()).reduce(CollinearColumns::add);
    List<Dependency> candidates = dependencies(products, d, centre, intercept);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    double[] spreadCentre = means.clone(); // beyond its spread, not its offset, with or without an intercept
    double[] residuals = BlockPass.run(blocks, (b, acc) -> addResidualSquares(b, candidates, spreadCentre, acc),
        2 * candidates.size()).sums();
    List<Dependency> confirmed = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      if (residuals[2 * c] <= CONFIRMED_BELOW * residuals[2 * c + 1]) {
        confirmed.add(candidates.get(c));
      }
    }
    return confirmed.isEmpty() ? Optional.empty() : Optional.of(message(confirmed, features, intercept, l1Given));
  }

  /**
   * The sample's cross products about {@code centre}: the packed upper triangle of {@code sum (x - c)(x - c)^T}
   * over the first {@code limit} rows of the partition, then each column's {@code sum (x - c)}, then the row count.
   */
  private static double[] sampleProducts(Iterator<Block> it, double[] centre, int limit) {
    int d = centre.length;
    int triangle = d * (d + 1) / 2;
    double[] sums = new double[triangle + d + 1];
    double[] row = new double[d];
    int taken = 0;
    while (it.hasNext() && taken < limit) {
      Block b = it.next();
      for (int i = 0; i < b.rows() && taken < limit; i++, taken++) {
        for (int j = 0; j < d; j++) {
          row[j] = b.value(i, j) - centre[j];
        }
        for (int j = 0, p = 0; j < d; j++) {
          double xj = row[j];
          for (int k = j; k < d; k++, p++) {
            sums[p] += xj * row[k];
          }
          sums[triangle + j] += xj;
        }
      }
    }
    sums[sums.length - 1] = taken;
    return sums;
  }

  /**
   * The columns that the sample's cross products {@code products} (packed, from {@link #sampleProducts}) show to be
   * combinations of earlier kept columns: a Cholesky factorisation of their correlation matrix (about the sample's
   * own means with an intercept, so that a tie of the sampled rows alone is seen, and left to the pass over every
   * row), one column at a time, each column's squared multiple correlation with the kept ones read off before it
   * joins them.
   */
  static List<Dependency> dependencies(double[] products, int d, double[] centre, boolean intercept) {
    int triangle = d * (d + 1) / 2;
    double rows = products[products.length - 1];
    double[] shift = new double[d]; // the sample's mean less the centre
    if (intercept) {
      for (int j = 0; j < d; j++) {
        shift[j] = products[triangle + j] / rows;
      }
    }
    double[][] g = new double[d][d];
    for (int j = 0, p = 0; j < d; j++) {
      for (int k = j; k < d; k++, p++) {
        g[j][k] = products[p] - rows * shift[j] * shift[k];
        g[k][j] = g[j][k];
      }
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = centre[j] + shift[j];
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = g[j][j] > 0 ? Math.sqrt(g[j][j]) : 0;
    }
    List<Integer> kept = new ArrayList<>();
    double[][] factor = new double[d][]; // factor[m]: row m of the lower-triangular factor of the kept columns
    List<Dependency> found = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      if (scale[j] == 0) {
        continue; // constant in the sample: it cannot be told here
      }
      int m = kept.size();
      double[] y = new double[m];
      double explained = 0;
      for (int a = 0; a < m; a++) {
        double s = g[kept.get(a)][j] / (scale[kept.get(a)] * scale[j]);
        for (int b = 0; b < a; b++) {
          s -= factor[a][b] * y[b];
        }
        y[a] = s / factor[a][a];
        explained += y[a] * y[a];
      }
      double left = 1 - explained;
      if (left < DEPENDENT_BELOW) {
        // back-substitution: the regression's coefficients on the kept columns, in correlation units, then raw
        double[] beta = new double[m];
        for (int a = m - 1; a >= 0; a--) {
          double s = y[a];
          for (int b = a + 1; b < m; b++) {
            s -= factor[b][a] * beta[b];
          }
          beta[a] = s / factor[a][a];
        }
        double largest = 0;
        for (double b : beta) {
          largest = Math.max(largest, Math.abs(b));
        }
        // terms below rounding in correlation units are left out, and a constant below rounding of the centres'
        List<Integer> terms = new ArrayList<>();
        for (int a = 0; a < m; a++) {
          if (Math.abs(beta[a]) > NEGLIGIBLE * largest) {
            terms.add(a);
          }
        }
        int[] columns = new int[terms.size()];
        double[] coefficients = new double[terms.size()];
        double constant = mean[j];
        double magnitude = Math.abs(mean[j]);
        for (int t = 0; t < columns.length; t++) {
          int a = terms.get(t);
          columns[t] = kept.get(a);
          coefficients[t] = beta[a] * scale[j] / scale[columns[t]];
          constant -= coefficients[t] * mean[columns[t]];
          magnitude += Math.abs(coefficients[t] * mean[columns[t]]);
        }
        found.add(new Dependency(j, columns, coefficients, Math.abs(constant) > NEGLIGIBLE * magnitude ? constant : 0));
      } else {
        double[] r = new double[m + 1];
        System.arraycopy(y, 0, r, 0, m);
        r[m] = Math.sqrt(left);
        factor[m] = r;
        kept.add(j);
      }
    }
    return found;
  }

  /**
   * Adds, for each candidate, over the block's rows: the sum of its squared residual
   * {@code x_j - c - sum beta_k x_k}, then the sum of {@code (x_j - mean_j)^2}, the column's spread (about its mean
   * even without an intercept: there a raw mean square let columns of large offsets and independent noise pass as
   * tied, a review's 1e8 + N(0,1) and 5e7 + N(0,1)).
   */
  private static void addResidualSquares(Block b, List<Dependency> candidates, double[] centre, double[] sums) {
    for (int i = 0; i < b.rows(); i++) {
      for (int c = 0; c < candidates.size(); c++) {
        Dependency dep = candidates.get(c);
        double xj = b.value(i, dep.column());
        double r = xj - dep.intercept();
        for (int a = 0; a < dep.columns().length; a++) {
          r -= dep.coefficients()[a] * b.value(i, dep.columns()[a]);
        }
        double spread = xj - centre[dep.column()];
        sums[2 * c] += r * r;
        sums[2 * c + 1] += spread * spread;
      }
    }
  }

  private static double[] add(double[] a, double[] b) {
    double[] s = a.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += b[i];
    }
    return s;
  }

  /** The warning naming up to {@link #NAMED} collinear columns, each with its combination. */
  static String message(List<Dependency> found, List<String> features, boolean intercept, boolean l1Given) {
    StringBuilder s = new StringBuilder(found.size() == 1 ? "a feature is a linear combination of others over every "
        + "row: " : "features are linear combinations of others over every row: ");
    for (int f = 0; f < Math.min(NAMED, found.size()); f++) {
      Dependency dep = found.get(f);
      s.append(f == 0 ? "" : "; ").append(features.get(dep.column())).append(" = ")
          .append(combination(dep, features, intercept));
    }
    if (found.size() > NAMED) {
      s.append(String.format(Locale.ROOT, "; and %d more", found.size() - NAMED));
    }
    return s.append(". The data cannot tell these columns' weights apart: any split with the same combined effect "
        + "fits equally well, so the weights reported for them are one such split, not the data's. Drop one column of "
        + "each combination, or " + (l1Given ? "give the penalty an L2 part (--elastic-net below 1)"
        : "add --reg-param") + " (an L2 penalty chooses one split)").toString();
  }

  /** {@code 2 a - 0.5 b + 1}: the terms, then the constant. */
  private static String combination(Dependency dep, List<String> features, boolean intercept) {
    StringBuilder s = new StringBuilder();
    int terms = dep.columns().length;
    for (int a = 0; a < Math.min(TERMS, terms); a++) {
      term(s, dep.coefficients()[a], features.get(dep.columns()[a]));
    }
    if (terms > TERMS) {
      s.append(String.format(Locale.ROOT, " + %d more terms", terms - TERMS));
    }
    if (intercept && dep.intercept() != 0) {
      term(s, dep.intercept(), "");
    }
    return s.length() == 0 ? "0" : s.toString();
  }

  private static void term(StringBuilder s, double c, String name) {
    // nine digits: a tie's 1.99999997 is not "2" (six said so where the columns differed by 3 in every row)
    String magnitude = Trainer.readable(Math.abs(c), 9);
    if (s.length() == 0) {
      s.append(c < 0 ? "-" : "");
    } else {
      s.append(c < 0 ? " - " : " + ");
    }
    if (name.isEmpty()) {
      s.append(magnitude);
    } else {
      s.append(magnitude.equals("1") ? "" : magnitude + " ").append(name);
    }
  }
}
