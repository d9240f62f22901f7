package sparkdgd.loss;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The dense loops of {@link LossKernel}, for {@code double} and {@code float} features. Every product is
 * added with {@link #fma} (one rounding, one instruction where the CPU has FMA), and a row's margin is
 * always summed in the same order, whichever loop takes it:
 * <ul>
 *   <li>up to {@link #MAX_GROUPED_DIMS} features, one chain from the intercept:
 *       {@code m = fma(x_j, w_j, m)} for j = 0..d-1, starting at {@code m = b}. Rows go four at a time:
 *       four independent chains, and {@code acc[j]} is read and written once per four rows;</li>
 *   <li>wider rows, one row at a time in four chains: chain {@code l} sums the features j with
 *       {@code j mod 4 = l}, in increasing j from 0, and {@code m = b + ((p0 + p1) + (p2 + p3))}. At
 *       d = 100, in one JVM minutes apart, this took 72 ms against 109 ms for one chain of 100 dependent
 *       additions (2 threads, 1e6 rows, multiply then add); see docs/BENCHMARKS.md for an earlier trial that
 *       measured no gain.</li>
 * </ul>
 * Each feature's product sum adds the rows in order: {@code acc[j] = fma(r, x_j, acc[j])}, so four rows at
 * a time are the one-row loop's four updates, nested. So dense, float and sparse blocks holding the same
 * rows, and the fused and chunked paths, give the same margins and the same bits in {@code acc[0..d)}. The
 * sums after d (residuals, loss, metrics, labels) are added in one chain by the fused loop and per chunk of
 * {@link LossKernel#CHUNK} rows by the chunked path, so for blocks of more rows they agree to rounding only.
 */
final class DenseKernel {
  /**
   * Widest rows that go four at a time. Four rows of up to 32 doubles are at most 1 KiB, read as one
   * stream; four wider rows are four streams at once, which measured slower from memory than one row
   * at a time (d = 64 and 100 on the 2-core benchmark machine), so wider rows keep the one-row loop.
   */
  static final int MAX_GROUPED_DIMS = 32;

  /**
   * Whether this JVM turns {@link Math#fma} into one instruction (HotSpot's {@code UseFMA}, on where the CPU
   * has FMA). Without it {@code Math.fma} is computed exactly in software, orders of magnitude slower, so the
   * loops multiply and add instead. Either way every loop of a JVM rounds the same way.
   */
  static final boolean HARDWARE_FMA = hardwareFma();

  private DenseKernel() {}

  /** The end of the part of {@code [from, to)} that goes four rows at a time. */
  private static int groupedEnd(int from, int to, int d) {
    return d <= MAX_GROUPED_DIMS ? to - (to - from) % 4 : from;
  }

  /**
   * The full-batch squared loss over rows {@code [0, n)}: adds {@code sum r x_j} into {@code acc[0..d)}
   * and the residual, loss, metric and label sums into their slots after d (see {@link PointLoss}).
   */
  static void addSquared(double[] x, double[] y, int n, int d, double[] coef, double labelWeight, double[] acc) {
    final double b = coef[d];
    double residuals = 0;
    double squares = 0;
    double absolute = 0;
    double labels = 0;
    double squaredLabels = 0;
    final int grouped = groupedEnd(0, n, d);
    int i = 0;
    for (; i < grouped; i += 4) {
      final int o0 = i * d;
      final int o1 = o0 + d;
      final int o2 = o1 + d;
      final int o3 = o2 + d;
      double m0 = b;
      double m1 = b;
      double m2 = b;
      double m3 = b;
      for (int j = 0; j < d; j++) {
        final double w = coef[j];
        m0 = fma(x[o0 + j], w, m0);
        m1 = fma(x[o1 + j], w, m1);
        m2 = fma(x[o2 + j], w, m2);
        m3 = fma(x[o3 + j], w, m3);
      }
      final double y0 = y[i];
      final double y1 = y[i + 1];
      final double y2 = y[i + 2];
      final double y3 = y[i + 3];
      final double r0 = m0 - labelWeight * y0;
      final double r1 = m1 - labelWeight * y1;
      final double r2 = m2 - labelWeight * y2;
      final double r3 = m3 - labelWeight * y3;
      for (int j = 0; j < d; j++) {
        acc[j] = fma(r3, x[o3 + j], fma(r2, x[o2 + j], fma(r1, x[o1 + j], fma(r0, x[o0 + j], acc[j]))));
      }
      residuals = residuals + r0 + r1 + r2 + r3;
      squares = squares + r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      absolute = absolute + Math.abs(r0) + Math.abs(r1) + Math.abs(r2) + Math.abs(r3);
      labels = labels + y0 + y1 + y2 + y3;
      squaredLabels = squaredLabels + y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
    }
    for (; i < n; i++) {
      final int off = i * d;
      final double r = margin(x, off, d, coef) - labelWeight * y[i];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(r, x[off + j], acc[j]);
      }
      residuals += r;
      squares += r * r;
      absolute += Math.abs(r);
      labels += y[i];
      squaredLabels += y[i] * y[i];
    }
    addSquaredSums(acc, d, n, residuals, squares, absolute, labels, squaredLabels);
  }

  /** {@link #addSquared(double[], double[], int, int, double[], double, double[])} over float features. */
  static void addSquared(float[] x, double[] y, int n, int d, double[] coef, double labelWeight, double[] acc) {
    final double b = coef[d];
    double residuals = 0;
    double squares = 0;
    double absolute = 0;
    double labels = 0;
    double squaredLabels = 0;
    final int grouped = groupedEnd(0, n, d);
    int i = 0;
    for (; i < grouped; i += 4) {
      final int o0 = i * d;
      final int o1 = o0 + d;
      final int o2 = o1 + d;
      final int o3 = o2 + d;
      double m0 = b;
      double m1 = b;
      double m2 = b;
      double m3 = b;
      for (int j = 0; j < d; j++) {
        final double w = coef[j];
        m0 = fma(x[o0 + j], w, m0);
        m1 = fma(x[o1 + j], w, m1);
        m2 = fma(x[o2 + j], w, m2);
        m3 = fma(x[o3 + j], w, m3);
      }
      final double y0 = y[i];
      final double y1 = y[i + 1];
      final double y2 = y[i + 2];
      final double y3 = y[i + 3];
      final double r0 = m0 - labelWeight * y0;
      final double r1 = m1 - labelWeight * y1;
      final double r2 = m2 - labelWeight * y2;
      final double r3 = m3 - labelWeight * y3;
      for (int j = 0; j < d; j++) {
        acc[j] = fma(r3, x[o3 + j], fma(r2, x[o2 + j], fma(r1, x[o1 + j], fma(r0, x[o0 + j], acc[j]))));
      }
      residuals = residuals + r0 + r1 + r2 + r3;
      squares = squares + r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      absolute = absolute + Math.abs(r0) + Math.abs(r1) + Math.abs(r2) + Math.abs(r3);
      labels = labels + y0 + y1 + y2 + y3;
      squaredLabels = squaredLabels + y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
    }
    for (; i < n; i++) {
      final int off = i * d;
      final double r = margin(x, off, d, coef) - labelWeight * y[i];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(r, x[off + j], acc[j]);
      }
      residuals += r;
      squares += r * r;
      absolute += Math.abs(r);
      labels += y[i];
      squaredLabels += y[i] * y[i];
    }
    addSquaredSums(acc, d, n, residuals, squares, absolute, labels, squaredLabels);
  }

  /** The margin {@code b + sum_j x_j w_j} of the row at {@code x[off..off + d)}, in the order of the class comment. */
  static double margin(double[] x, int off, int d, double[] coef) {
    if (d > MAX_GROUPED_DIMS) {
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      int j = 0;
      for (; j + 3 < d; j += 4) {
        p0 = fma(x[off + j], coef[j], p0);
        p1 = fma(x[off + j + 1], coef[j + 1], p1);
        p2 = fma(x[off + j + 2], coef[j + 2], p2);
        p3 = fma(x[off + j + 3], coef[j + 3], p3);
      }
      if (j < d) {
        p0 = fma(x[off + j], coef[j], p0);
      }
      if (j + 1 < d) {
        p1 = fma(x[off + j + 1], coef[j + 1], p1);
      }
      if (j + 2 < d) {
        p2 = fma(x[off + j + 2], coef[j + 2], p2);
      }
      return coef[d] + ((p0 + p1) + (p2 + p3));
    }
    double m = coef[d];
    for (int j = 0; j < d; j++) {
      m = fma(x[off + j], coef[j], m);
    }
    return m;
  }

  /** {@link #margin(double[], int, int, double[])} over float features. */
  static double margin(float[] x, int off, int d, double[] coef) {
    if (d > MAX_GROUPED_DIMS) {
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      int j = 0;
      for (; j + 3 < d; j += 4) {
        p0 = fma(x[off + j], coef[j], p0);
        p1 = fma(x[off + j + 1], coef[j + 1], p1);
        p2 = fma(x[off + j + 2], coef[j + 2], p2);
        p3 = fma(x[off + j + 3], coef[j + 3], p3);
      }
      if (j < d) {
        p0 = fma(x[off + j], coef[j], p0);
      }
      if (j + 1 < d) {
        p1 = fma(x[off + j + 1], coef[j + 1], p1);
      }
      if (j + 2 < d) {
        p2 = fma(x[off + j + 2], coef[j + 2], p2);
      }
      return coef[d] + ((p0 + p1) + (p2 + p3));
    }
    double m = coef[d];
    for (int j = 0; j < d; j++) {
      m = fma(x[off + j], coef[j], m);
    }
    return m;
  }

  /** {@code a * b + c}, rounded once where {@link #HARDWARE_FMA}, else twice. */
  static double fma(double a, double b, double c) {
    return HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  private static boolean hardwareFma() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Boolean.parseBoolean(hotSpot.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return true; // not HotSpot: other JVMs compile Math.fma where the CPU has it
    }
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

  /** {@code m[k - from] = b + sum_j x_j w_j} of the rows {@code rows[from..to)}. */
  static void margins(double[] x, int d, int[] rows, int from, int to, double[] coef, double[] m) {
    final double b = coef[d];
    final int grouped = groupedEnd(from, to, d);
    int k = from;
    for (; k < grouped; k += 4) {
      final int o0 = rows[k] * d;
      final int o1 = rows[k + 1] * d;
      final int o2 = rows[k + 2] * d;
      final int o3 = rows[k + 3] * d;
      double m0 = b;
      double m1 = b;
      double m2 = b;
      double m3 = b;
      for (int j = 0; j < d; j++) {
        final double w = coef[j];
        m0 = fma(x[o0 + j], w, m0);
        m1 = fma(x[o1 + j], w, m1);
        m2 = fma(x[o2 + j], w, m2);
        m3 = fma(x[o3 + j], w, m3);
      }
      m[k - from] = m0;
      m[k - from + 1] = m1;
      m[k - from + 2] = m2;
      m[k - from + 3] = m3;
    }
    for (; k < to; k++) {
      m[k - from] = margin(x, rows[k] * d, d, coef);
    }
  }

  /** {@link #margins(double[], int, int[], int, int, double[], double[])} over float features. */
  static void margins(float[] x, int d, int[] rows, int from, int to, double[] coef, double[] m) {
    final double b = coef[d];
    final int grouped = groupedEnd(from, to, d);
    int k = from;
    for (; k < grouped; k += 4) {
      final int o0 = rows[k] * d;
      final int o1 = rows[k + 1] * d;
      final int o2 = rows[k + 2] * d;
      final int o3 = rows[k + 3] * d;
      double m0 = b;
      double m1 = b;
      double m2 = b;
      double m3 = b;
      for (int j = 0; j < d; j++) {
        final double w = coef[j];
        m0 = fma(x[o0 + j], w, m0);
        m1 = fma(x[o1 + j], w, m1);
        m2 = fma(x[o2 + j], w, m2);
        m3 = fma(x[o3 + j], w, m3);
      }
      m[k - from] = m0;
      m[k - from + 1] = m1;
      m[k - from + 2] = m2;
      m[k - from + 3] = m3;
    }
    for (; k < to; k++) {
      m[k - from] = margin(x, rows[k] * d, d, coef);
    }
  }

  /** {@code acc[j] += sum g x_j} over the rows {@code rows[from..to)}, g at {@code [k - from]}; returns {@code sum g}. */
  static double accumulate(double[] x, int d, int[] rows, int from, int to, double[] g, double[] acc) {
    double sum = 0;
    final int grouped = groupedEnd(from, to, d);
    int k = from;
    for (; k < grouped; k += 4) {
      final int o0 = rows[k] * d;
      final int o1 = rows[k + 1] * d;
      final int o2 = rows[k + 2] * d;
      final int o3 = rows[k + 3] * d;
      final double g0 = g[k - from];
      final double g1 = g[k - from + 1];
      final double g2 = g[k - from + 2];
      final double g3 = g[k - from + 3];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(g3, x[o3 + j], fma(g2, x[o2 + j], fma(g1, x[o1 + j], fma(g0, x[o0 + j], acc[j]))));
      }
      sum = sum + g0 + g1 + g2 + g3;
    }
    for (; k < to; k++) {
      final int off = rows[k] * d;
      final double gk = g[k - from];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(gk, x[off + j], acc[j]);
      }
      sum += gk;
    }
    return sum;
  }

  /** {@link #accumulate(double[], int, int[], int, int, double[], double[])} over float features. */
  static double accumulate(float[] x, int d, int[] rows, int from, int to, double[] g, double[] acc) {
    double sum = 0;
    final int grouped = groupedEnd(from, to, d);
    int k = from;
    for (; k < grouped; k += 4) {
      final int o0 = rows[k] * d;
      final int o1 = rows[k + 1] * d;
      final int o2 = rows[k + 2] * d;
      final int o3 = rows[k + 3] * d;
      final double g0 = g[k - from];
      final double g1 = g[k - from + 1];
      final double g2 = g[k - from + 2];
      final double g3 = g[k - from + 3];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(g3, x[o3 + j], fma(g2, x[o2 + j], fma(g1, x[o1 + j], fma(g0, x[o0 + j], acc[j]))));
      }
      sum = sum + g0 + g1 + g2 + g3;
    }
    for (; k < to; k++) {
      final int off = rows[k] * d;
      final double gk = g[k - from];
      for (int j = 0; j < d; j++) {
        acc[j] = fma(gk, x[off + j], acc[j]);
      }
      sum += gk;
    }
    return sum;
  }
}
