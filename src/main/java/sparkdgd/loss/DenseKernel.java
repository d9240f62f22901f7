package sparkdgd.loss;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import sparkdgd.block.Tiles;

/**
 * The dense loops of {@link LossKernel}, for {@code double} and {@code float} features stored in tiles of four
 * rows ({@link Tiles}). Every product is added with {@link #fma} (one rounding, one instruction where the CPU
 * has FMA), and every loop adds in the same order, whichever rows it takes together:
 * <ul>
 *   <li>a row's margin is one chain from the intercept: {@code m = fma(x_j, w_j, m)} for j = 0..d-1,
 *       starting at {@code m = b};</li>
 *   <li>each feature's product sum adds the rows in order: {@code acc[j] = fma(r, x_j, acc[j])}.</li>
 * </ul>
 * Rows go four at a time where they sit in full tiles: four independent margin chains, and {@code acc[j]} read
 * and written once per four rows, their four updates nested in row order. The full-batch loop walks a tile with
 * one running index and computes the next tile's margins in the same loop as this tile's gradient update: two
 * independent chains that the core interleaves, where one loop after the other left it waiting on each margin
 * chain (6-19% faster at d = 3, 10 and 100; docs/BENCHMARKS.md, session 10). The row lists of the chunked path
 * take any four rows of full tiles; rows of the narrower last tile go one at a time. So dense, float and sparse
 * blocks holding the same rows, and the fused and chunked paths, give the same margins and the same bits in
 * {@code acc[0..d)}, but for one case: where the JVM has the Vector API ({@link #VECTORS}), the squared loss's
 * fused loop over the full tiles of a stretch of at least {@link #VECTOR_MIN_ROWS} rows runs on
 * {@link DoubleTileVectors} (float64 blocks) or {@link FloatTileVectors} (float32 blocks), which sum per lane, so
 * those sums agree with the others to rounding, as do a mini-batch's runs summed four at a time on the same classes
 * ({@link InterleavedRuns}). Below {@link #QUARTERS_BELOW_FEATURES} features a stretch's full tiles are four
 * quarters walked together by the four-run loop ({@link #quarterRows}; the fewer than 16 rows after them go
 * through the scalar tile loop), whose margins are each row's scalar chain; from 64 features on, one vector loop
 * over the stretch, whose margins from {@link TileVectors#CHAINED_MIN_FEATURES} features on are four chains and
 * agree with the scalar chain to rounding too. The sums after d (residuals, loss, metrics, labels)
 * are added in one chain per stretch of consecutive rows by the fused loop (the whole block in a full batch,
 * each run of a sample in runs) and per chunk of {@link LossKernel#CHUNK} rows by the chunked path, so for blocks
 * of more rows they agree to rounding only.
 */
final class DenseKernel {
  /**
   * Whether this JVM turns {@link Math#fma} into one instruction (HotSpot's {@code UseFMA}, on where the CPU
   * has FMA). Without it {@code Math.fma} is computed exactly in software, orders of magnitude slower, so the
   * loops multiply and add instead. Either way every loop of a JVM rounds the same way.
   */
  static final boolean HARDWARE_FMA = hardwareFma();

  /**
   * Whether this JVM compiles hot code with C2, the compiler that turns the Vector API into vector instructions
   * (not with {@code -XX:TieredStopAtLevel} below 4, nor interpreted only). Compiled by C1 the Vector API is far
   * slower than scalar loops.
   */
  static final boolean OPTIMIZING_JIT = optimizingJit();

  /**
   * Why the squared loss's full tiles stay scalar in this JVM, or null where they go through
   * {@link DoubleTileVectors} and {@link FloatTileVectors}: with hardware FMA and C2, where {@link VectorModule}
   * finds the Vector API and vectors hold four doubles.
   */
  static final String SCALAR_BECAUSE = scalarBecause();

  /** Whether the squared loss's full tiles go through the Vector API ({@link #SCALAR_BECAUSE} null). */
  static final boolean VECTORS = SCALAR_BECAUSE == null;

  /**
   * Fewer full-tile rows than this in a stretch go through the scalar loop even where {@link #VECTORS}: the
   * vector loop's set-up (two buffers, the lanes' final sums) made stretches of 8 rows twice as slow, 16 even.
   */
  static final int VECTOR_MIN_ROWS = 32;

  /**
   * Below this many features, where {@link #VECTORS}, a stretch's full tiles are cut into four quarters walked
   * together ({@link #quarterRows}): four margin chains and four streams from memory at once instead of one. With
   * 2 threads over 4096-row blocks (docs/BENCHMARKS.md, session 24) that took a float64 pass from 1.52 to 0.95 ns a
   * row in cache at d = 10 and a float32 pass from 1.99 to 1.57 in memory, and it was faster at d = 4, 20 and 40
   * too; from 70 features on the float64 pass was slower in memory (16.3 against 17.0 ns at d = 70, 23.3 against
   * 23.9 at d = 100). Float32 blocks take the same rule, so blocks holding the same values still give the same bits.
   */
  static final int QUARTERS_BELOW_FEATURES = 64;

  /** Quarters shorter than this many rows are not worth the four-run loop's set-up; the stretch runs as one. */
  static final int QUARTER_MIN_ROWS = 32;

  private DenseKernel() {}

  /**
   * The rows in each of the four quarters that a stretch of {@code tileRows} full-tile rows is walked in (a
   * multiple of four: the stretch's first {@code 4 * quarterRows} rows, the rest after them in one loop), or 0
   * where the whole stretch is one loop: at {@link #QUARTERS_BELOW_FEATURES} features or more, or for quarters
   * shorter than {@link #QUARTER_MIN_ROWS}.
   */
  static int quarterRows(int tileRows, int d) {
    final int quarter = tileRows / 16 * 4;
    return d < QUARTERS_BELOW_FEATURES && quarter >= QUARTER_MIN_ROWS ? quarter : 0;
  }

  /** Where each of the four quarters of {@code quarter} rows starts, the first at {@code first}. */
  private static int[] quarterStarts(int first, int quarter) {
    return new int[] {first, first + quarter, first + 2 * quarter, first + 3 * quarter};
  }

  /** Whether {@code rows[k..k+3]} all sit in full tiles (below {@code full}), so each has stride four. */
  private static boolean inFullTiles(int[] rows, int k, int full) {
    return rows[k] < full && rows[k + 1] < full && rows[k + 2] < full && rows[k + 3] < full;
  }

  /**
   * The squared loss over the rows {@code [from, to)} of a block of {@code n} rows (all of them for a full
   * batch, a run of a sample otherwise): adds {@code sum r x_j} into {@code acc[0..d)} and the residual, loss,
   * metric and label sums into their slots after d (see {@link PointLoss}). The full tiles among the rows go
   * through the fused loop (on {@link DoubleTileVectors} where {@link #VECTORS}: in four quarters walked together
   * below {@link #QUARTERS_BELOW_FEATURES} features, see {@link #quarterRows}), the rows before and after them
   * one at a time.
   */
  static void addSquared(double[] x, double[] y, int n, int d, int from, int to, double[] coef, double labelWeight,
      double[] acc) {
    addSquared(x, y, n, d, from, to, coef, labelWeight, acc, VECTORS);
  }

  /**
   * {@link #addSquared(double[], double[], int, int, int, int, double[], double, double[])}, the full tiles on
   * {@link DoubleTileVectors} or not, as {@code vectors} says (true only where {@link #VECTORS}).
   */
  static void addSquared(double[] x, double[] y, int n, int d, int from, int to, double[] coef, double labelWeight,
      double[] acc, boolean vectors) {
    final int first = Math.min(to, (from + 3) & ~3);
    final int last = Math.max(first, Math.min(to, Tiles.fullTileRows(n)) & ~3);
    // the residual, loss, metric and label sums, one chain through the three parts
    final double[] sums = new double[5];
    addSquaredOneByOne(x, y, n, d, from, first, coef, labelWeight, acc, sums);
    final int quarter = vectors ? quarterRows(last - first, d) : 0;
    if (quarter > 0) {
      DoubleTileVectors.addSquaredFourRuns(new double[][] {x, x, x, x}, new double[][] {y, y, y, y},
          quarterStarts(first, quarter), quarter, d, coef, labelWeight, acc, sums);
    }
    final int rest = first + 4 * quarter;
    if (vectors && last - rest >= VECTOR_MIN_ROWS) {
      DoubleTileVectors.addSquaredTiles(x, y, d, rest, last, coef, labelWeight, acc, sums);
    } else {
      addSquaredTiles(x, y, d, rest, last, coef, labelWeight, acc, sums);
    }
    addSquaredOneByOne(x, y, n, d, last, to, coef, labelWeight, acc, sums);
    addSquaredSums(acc, d, to - from, sums[0], sums[1], sums[2], sums[3], sums[4]);
  }

  /**
   * The fused loop over the full tiles of rows {@code [first, last)}, carrying the five sums after d in
   * {@code sums}.
   */
  private static void addSquaredTiles(double[] x, double[] y, int d, int first, int last, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    final double b = coef[d];
    double residuals = sums[0];
    double squares = sums[1];
    double absolute = sums[2];
    double labels = sums[3];
    double squaredLabels = sums[4];
    final int nextTile = 4 * d;
    // the margins of the tile at row i, computed one tile ahead
    double m0 = b;
    double m1 = b;
    double m2 = b;
    double m3 = b;
    if (last > first) {
      for (int j = 0, p = first * d; j < d; j++, p += 4) {
        final double w = coef[j];
        m0 = fma(x[p], w, m0);
        m1 = fma(x[p + 1], w, m1);
        m2 = fma(x[p + 2], w, m2);
        m3 = fma(x[p + 3], w, m3);
      }
    }
    for (int i = first; i < last; i += 4) {
      final int tile = i * d;
      final double y0 = y[i];
      final double y1 = y[i + 1];
      final double y2 = y[i + 2];
      final double y3 = y[i + 3];
      final double r0 = m0 - labelWeight * y0;
      final double r1 = m1 - labelWeight * y1;
      final double r2 = m2 - labelWeight * y2;
      final double r3 = m3 - labelWeight * y3;
      if (i + 4 < last) {
        // this tile's gradient update and the next tile's margins in one loop: two independent chains
        m0 = b;
        m1 = b;
        m2 = b;
        m3 = b;
        for (int j = 0, p = tile; j < d; j++, p += 4) {
          final double w = coef[j];
          m0 = fma(x[p + nextTile], w, m0);
          m1 = fma(x[p + nextTile + 1], w, m1);
          m2 = fma(x[p + nextTile + 2], w, m2);
          m3 = fma(x[p + nextTile + 3], w, m3);
          acc[j] = fma(r3, x[p + 3], fma(r2, x[p + 2], fma(r1, x[p + 1], fma(r0, x[p], acc[j]))));
        }
      } else {
        for (int j = 0, p = tile; j < d; j++, p += 4) {
          acc[j] = fma(r3, x[p + 3], fma(r2, x[p + 2], fma(r1, x[p + 1], fma(r0, x[p], acc[j]))));
        }
      }
      residuals = residuals + r0 + r1 + r2 + r3;
      squares = squares + r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      absolute = absolute + Math.abs(r0) + Math.abs(r1) + Math.abs(r2) + Math.abs(r3);
      labels = labels + y0 + y1 + y2 + y3;
      squaredLabels = squaredLabels + y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
    }
    storeSums(sums, residuals, squares, absolute, labels, squaredLabels);
  }

  /**
   * The squared loss of the rows {@code [from, to)} of a block of {@code n} rows, one row at a time, carrying the
   * five sums after d in {@code sums}.
   */
  private static void addSquaredOneByOne(double[] x, double[] y, int n, int d, int from, int to, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    double residuals = sums[0];
    double squares = sums[1];
    double absolute = sums[2];
    double labels = sums[3];
    double squaredLabels = sums[4];
    for (int i = from; i < to; i++) {
      final int start = Tiles.start(i, d);
      final int stride = Tiles.stride(i, n);
      final double r = margin(x, start, stride, d, coef) - labelWeight * y[i];
      for (int j = 0, p = start; j < d; j++, p += stride) {
        acc[j] = fma(r, x[p], acc[j]);
      }
      residuals += r;
      squares += r * r;
      absolute += Math.abs(r);
      labels += y[i];
      squaredLabels += y[i] * y[i];
    }
    storeSums(sums, residuals, squares, absolute, labels, squaredLabels);
  }

  /** The margin {@code b + sum_j x_j w_j} of the row whose features are {@code stride} apart from {@code x[start]}. */
  static double margin(double[] x, int start, int stride, int d, double[] coef) {
    double m = coef[d];
    for (int j = 0, p = start; j < d; j++, p += stride) {
      m = fma(x[p], coef[j], m);
    }
    return m;
  }

  /** {@code m[k - from] = b + sum_j x_j w_j} of the rows {@code rows[from..to)} of a block of {@code n} rows. */
  static void margins(double[] x, int n, int d, int[] rows, int from, int to, double[] coef, double[] m) {
    final double b = coef[d];
    final int full = Tiles.fullTileRows(n);
    int k = from;
    while (k < to) {
      if (k + 3 < to && inFullTiles(rows, k, full)) {
        final int o0 = Tiles.start(rows[k], d);
        final int o1 = Tiles.start(rows[k + 1], d);
        final int o2 = Tiles.start(rows[k + 2], d);
        final int o3 = Tiles.start(rows[k + 3], d);
        double m0 = b;
        double m1 = b;
        double m2 = b;
        double m3 = b;
        for (int j = 0, q = 0; j < d; j++, q += 4) {
          final double w = coef[j];
          m0 = fma(x[o0 + q], w, m0);
          m1 = fma(x[o1 + q], w, m1);
          m2 = fma(x[o2 + q], w, m2);
          m3 = fma(x[o3 + q], w, m3);
        }
        m[k - from] = m0;
        m[k - from + 1] = m1;
        m[k - from + 2] = m2;
        m[k - from + 3] = m3;
        k += 4;
      } else {
        m[k - from] = margin(x, Tiles.start(rows[k], d), Tiles.stride(rows[k], n), d, coef);
        k++;
      }
    }
  }

  /**
   * {@code acc[j] += sum g x_j} over the rows {@code rows[from..to)} of a block of {@code n} rows, g at
   * {@code [k - from]}; returns {@code sum g}.
   */
  static double accumulate(double[] x, int n, int d, int[] rows, int from, int to, double[] g, double[] acc) {
    double sum = 0;
    final int full = Tiles.fullTileRows(n);
    int k = from;
    while (k < to) {
      if (k + 3 < to && inFullTiles(rows, k, full)) {
        final int o0 = Tiles.start(rows[k], d);
        final int o1 = Tiles.start(rows[k + 1], d);
        final int o2 = Tiles.start(rows[k + 2], d);
        final int o3 = Tiles.start(rows[k + 3], d);
        final double g0 = g[k - from];
        final double g1 = g[k - from + 1];
        final double g2 = g[k - from + 2];
        final double g3 = g[k - from + 3];
        for (int j = 0, q = 0; j < d; j++, q += 4) {
          acc[j] = fma(g3, x[o3 + q], fma(g2, x[o2 + q], fma(g1, x[o1 + q], fma(g0, x[o0 + q], acc[j]))));
        }
        sum = sum + g0 + g1 + g2 + g3;
        k += 4;
      } else {
        final double gk = g[k - from];
        final int stride = Tiles.stride(rows[k], n);
        for (int j = 0, p = Tiles.start(rows[k], d); j < d; j++, p += stride) {
          acc[j] = fma(gk, x[p], acc[j]);
        }
        sum += gk;
        k++;
      }
    }
    return sum;
  }

  /**
   * {@link #addSquared(double[], double[], int, int, int, int, double[], double, double[])} over float features,
   * the full tiles on {@link FloatTileVectors} where {@link #VECTORS}.
   */
  static void addSquared(float[] x, double[] y, int n, int d, int from, int to, double[] coef, double labelWeight,
      double[] acc) {
    addSquared(x, y, n, d, from, to, coef, labelWeight, acc, VECTORS);
  }

  /**
   * {@link #addSquared(float[], double[], int, int, int, int, double[], double, double[])}, the full tiles on
   * {@link FloatTileVectors} or not, as {@code vectors} says (true only where {@link #VECTORS}).
   */
  static void addSquared(float[] x, double[] y, int n, int d, int from, int to, double[] coef, double labelWeight,
      double[] acc, boolean vectors) {
    final int first = Math.min(to, (from + 3) & ~3);
    final int last = Math.max(first, Math.min(to, Tiles.fullTileRows(n)) & ~3);
    // the residual, loss, metric and label sums, one chain through the three parts
    final double[] sums = new double[5];
    addSquaredOneByOne(x, y, n, d, from, first, coef, labelWeight, acc, sums);
    final int quarter = vectors ? quarterRows(last - first, d) : 0;
    if (quarter > 0) {
      FloatTileVectors.addSquaredFourRuns(new float[][] {x, x, x, x}, new double[][] {y, y, y, y},
          quarterStarts(first, quarter), quarter, d, coef, labelWeight, acc, sums);
    }
    final int rest = first + 4 * quarter;
    if (vectors && last - rest >= VECTOR_MIN_ROWS) {
      FloatTileVectors.addSquaredTiles(x, y, d, rest, last, coef, labelWeight, acc, sums);
    } else {
      addSquaredTiles(x, y, d, rest, last, coef, labelWeight, acc, sums);
    }
    addSquaredOneByOne(x, y, n, d, last, to, coef, labelWeight, acc, sums);
    addSquaredSums(acc, d, to - from, sums[0], sums[1], sums[2], sums[3], sums[4]);
  }

  /**
   * The fused loop over the full tiles of rows {@code [first, last)}, carrying the five sums after d in
   * {@code sums}.
   */
  private static void addSquaredTiles(float[] x, double[] y, int d, int first, int last, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    final double b = coef[d];
    double residuals = sums[0];
    double squares = sums[1];
    double absolute = sums[2];
    double labels = sums[3];
    double squaredLabels = sums[4];
    final int nextTile = 4 * d;
    // the margins of the tile at row i, computed one tile ahead
    double m0 = b;
    double m1 = b;
    double m2 = b;
    double m3 = b;
    if (last > first) {
      for (int j = 0, p = first * d; j < d; j++, p += 4) {
        final double w = coef[j];
        m0 = fma(x[p], w, m0);
        m1 = fma(x[p + 1], w, m1);
        m2 = fma(x[p + 2], w, m2);
        m3 = fma(x[p + 3], w, m3);
      }
    }
    for (int i = first; i < last; i += 4) {
      final int tile = i * d;
      final double y0 = y[i];
      final double y1 = y[i + 1];
      final double y2 = y[i + 2];
      final double y3 = y[i + 3];
      final double r0 = m0 - labelWeight * y0;
      final double r1 = m1 - labelWeight * y1;
      final double r2 = m2 - labelWeight * y2;
      final double r3 = m3 - labelWeight * y3;
      if (i + 4 < last) {
        // this tile's gradient update and the next tile's margins in one loop: two independent chains
        m0 = b;
        m1 = b;
        m2 = b;
        m3 = b;
        for (int j = 0, p = tile; j < d; j++, p += 4) {
          final double w = coef[j];
          m0 = fma(x[p + nextTile], w, m0);
          m1 = fma(x[p + nextTile + 1], w, m1);
          m2 = fma(x[p + nextTile + 2], w, m2);
          m3 = fma(x[p + nextTile + 3], w, m3);
          acc[j] = fma(r3, x[p + 3], fma(r2, x[p + 2], fma(r1, x[p + 1], fma(r0, x[p], acc[j]))));
        }
      } else {
        for (int j = 0, p = tile; j < d; j++, p += 4) {
          acc[j] = fma(r3, x[p + 3], fma(r2, x[p + 2], fma(r1, x[p + 1], fma(r0, x[p], acc[j]))));
        }
      }
      residuals = residuals + r0 + r1 + r2 + r3;
      squares = squares + r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      absolute = absolute + Math.abs(r0) + Math.abs(r1) + Math.abs(r2) + Math.abs(r3);
      labels = labels + y0 + y1 + y2 + y3;
      squaredLabels = squaredLabels + y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
    }
    storeSums(sums, residuals, squares, absolute, labels, squaredLabels);
  }

  /** {@link #addSquaredOneByOne(double[], double[], int, int, int, int, double[], double, double[], double[])}. */
  private static void addSquaredOneByOne(float[] x, double[] y, int n, int d, int from, int to, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    double residuals = sums[0];
    double squares = sums[1];
    double absolute = sums[2];
    double labels = sums[3];
    double squaredLabels = sums[4];
    for (int i = from; i < to; i++) {
      final int start = Tiles.start(i, d);
      final int stride = Tiles.stride(i, n);
      final double r = margin(x, start, stride, d, coef) - labelWeight * y[i];
      for (int j = 0, p = start; j < d; j++, p += stride) {
        acc[j] = fma(r, x[p], acc[j]);
      }
      residuals += r;
      squares += r * r;
      absolute += Math.abs(r);
      labels += y[i];
      squaredLabels += y[i] * y[i];
    }
    storeSums(sums, residuals, squares, absolute, labels, squaredLabels);
  }

  /** {@link #margin(double[], int, int, int, double[])} over float features. */
  static double margin(float[] x, int start, int stride, int d, double[] coef) {
    double m = coef[d];
    for (int j = 0, p = start; j < d; j++, p += stride) {
      m = fma(x[p], coef[j], m);
    }
    return m;
  }

  /** {@link #margins(double[], int, int, int[], int, int, double[], double[])} over float features. */
  static void margins(float[] x, int n, int d, int[] rows, int from, int to, double[] coef, double[] m) {
    final double b = coef[d];
    final int full = Tiles.fullTileRows(n);
    int k = from;
    while (k < to) {
      if (k + 3 < to && inFullTiles(rows, k, full)) {
        final int o0 = Tiles.start(rows[k], d);
        final int o1 = Tiles.start(rows[k + 1], d);
        final int o2 = Tiles.start(rows[k + 2], d);
        final int o3 = Tiles.start(rows[k + 3], d);
        double m0 = b;
        double m1 = b;
        double m2 = b;
        double m3 = b;
        for (int j = 0, q = 0; j < d; j++, q += 4) {
          final double w = coef[j];
          m0 = fma(x[o0 + q], w, m0);
          m1 = fma(x[o1 + q], w, m1);
          m2 = fma(x[o2 + q], w, m2);
          m3 = fma(x[o3 + q], w, m3);
        }
        m[k - from] = m0;
        m[k - from + 1] = m1;
        m[k - from + 2] = m2;
        m[k - from + 3] = m3;
        k += 4;
      } else {
        m[k - from] = margin(x, Tiles.start(rows[k], d), Tiles.stride(rows[k], n), d, coef);
        k++;
      }
    }
  }

  /** {@link #accumulate(double[], int, int, int[], int, int, double[], double[])} over float features. */
  static double accumulate(float[] x, int n, int d, int[] rows, int from, int to, double[] g, double[] acc) {
    double sum = 0;
    final int full = Tiles.fullTileRows(n);
    int k = from;
    while (k < to) {
      if (k + 3 < to && inFullTiles(rows, k, full)) {
        final int o0 = Tiles.start(rows[k], d);
        final int o1 = Tiles.start(rows[k + 1], d);
        final int o2 = Tiles.start(rows[k + 2], d);
        final int o3 = Tiles.start(rows[k + 3], d);
        final double g0 = g[k - from];
        final double g1 = g[k - from + 1];
        final double g2 = g[k - from + 2];
        final double g3 = g[k - from + 3];
        for (int j = 0, q = 0; j < d; j++, q += 4) {
          acc[j] = fma(g3, x[o3 + q], fma(g2, x[o2 + q], fma(g1, x[o1 + q], fma(g0, x[o0 + q], acc[j]))));
        }
        sum = sum + g0 + g1 + g2 + g3;
        k += 4;
      } else {
        final double gk = g[k - from];
        final int stride = Tiles.stride(rows[k], n);
        for (int j = 0, p = Tiles.start(rows[k], d); j < d; j++, p += stride) {
          acc[j] = fma(gk, x[p], acc[j]);
        }
        sum += gk;
        k++;
      }
    }
    return sum;
  }

  /** {@code a * b + c}, rounded once where {@link #HARDWARE_FMA}, else twice. */
  static double fma(double a, double b, double c) {
    return HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  private static boolean hardwareFma() {
    String useFma = hotSpotOption("UseFMA");
    return useFma == null || Boolean.parseBoolean(useFma); // other JVMs compile Math.fma where the CPU has it
  }

  private static boolean optimizingJit() {
    if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
      return false;
    }
    String tiered = hotSpotOption("TieredCompilation");
    String stopAt = hotSpotOption("TieredStopAtLevel");
    return tiered == null || stopAt == null || !Boolean.parseBoolean(tiered) || Integer.parseInt(stopAt) >= 4;
  }

  /**
   * Why the tiles stay scalar in this JVM, or null where they run on vectors: the conditions of {@link #VECTORS},
   * in order, each with what a user reads.
   */
  private static String scalarBecause() {
    if (!HARDWARE_FMA) {
      return "this JVM has no hardware FMA";
    }
    if (!OPTIMIZING_JIT) {
      return "this JVM does not compile with C2, as with -XX:TieredStopAtLevel=1, and other compilers do not turn "
          + "the Vector API into vector instructions";
    }
    if (!VectorModule.status().usable()) {
      return "the JDK's Vector API " + VectorModule.status().how();
    }
    if (!TileVectors.fourDoublesInARegister()) {
      return "this JVM's vectors hold fewer than four doubles, so the Vector API would run in plain Java";
    }
    return null;
  }

  /** A HotSpot flag's value, or null on another JVM. */
  private static String hotSpotOption(String name) {
    try {
      return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Four runs of {@code rows} rows each (a multiple of four, in full tiles; run k the rows from {@code firsts[k]}
   * of {@code xs[k]}, {@code ys[k]}) walked together on {@link DoubleTileVectors}: only where {@link #VECTORS}.
   */
  static void addSquaredFourRuns(double[][] xs, double[][] ys, int[] firsts, int rows, int d, double[] coef,
      double labelWeight, double[] acc) {
    final double[] sums = new double[5];
    DoubleTileVectors.addSquaredFourRuns(xs, ys, firsts, rows, d, coef, labelWeight, acc, sums);
    addSquaredSums(acc, d, 4 * rows, sums[0], sums[1], sums[2], sums[3], sums[4]);
  }

  /** {@link #addSquaredFourRuns(double[][], double[][], int[], int, int, double[], double, double[])} over floats. */
  static void addSquaredFourRuns(float[][] xs, double[][] ys, int[] firsts, int rows, int d, double[] coef,
      double labelWeight, double[] acc) {
    final double[] sums = new double[5];
    FloatTileVectors.addSquaredFourRuns(xs, ys, firsts, rows, d, coef, labelWeight, acc, sums);
    addSquaredSums(acc, d, 4 * rows, sums[0], sums[1], sums[2], sums[3], sums[4]);
  }

  private static void storeSums(double[] sums, double residuals, double squares, double absolute, double labels,
      double squaredLabels) {
    sums[0] = residuals;
    sums[1] = squares;
    sums[2] = absolute;
    sums[3] = labels;
    sums[4] = squaredLabels;
  }

  private static void addSquaredSums(double[] acc, int d, int n, double residuals, double squares,
      double absolute, double labels, double squaredLabels) {
    acc[d] += residuals;
    acc[d + PointLoss.LOSS] += squares;
    acc[d + PointLoss.ROWS] += n;
    acc[d + PointLoss.METRIC_A] += squares;
    acc[d + PointLoss.METRIC_B] += absolute;
    acc[d + PointLoss.LABELS] += labels;
    acc[d + PointLoss.SQUARED_LABELS] += squaredLabels;
  }
}
