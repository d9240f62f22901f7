package sparkdgd.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.testing.GaussianBlocks;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, session 28): what the float32 pass would gain if its gradient
 * products were taken in float. Our four-quarter loop ({@link FloatTileVectors#addSquaredFourRuns}) widens every
 * float twice, once for the margins and once for the products {@code r x_j}, and sums in double, so its sums are
 * the double loop's on the rounded values. Two what-ifs keep the margins as ours (double) but round each tile's
 * residuals to float and take the products in float, added in float lanes that are added into double lanes every
 * 16 rounds (64 products a lane):
 * <ul>
 *   <li>"four floats a feature": the products four floats at a time, one feature of a tile;</li>
 *   <li>"eight floats, two features": features j and j+1 of a tile (eight consecutive floats) times the residuals
 *       twice over (d even).</li>
 * </ul>
 * 2 threads (or N), float64 and float32 blocks, in memory and in cache (a few blocks a thread passed over again),
 * milliseconds a pass by median and minimum after the first third, all in turns; and how far the what-ifs'
 * gradients are from ours, relative to the largest feature sum. Run by {@code scripts/measure-float-products.sh}.
 *
 * <p>Arguments: rows, features (even), repetitions, threads.
 */
public final class FloatProductsProbe {
  private static final int BLOCK_ROWS = 4096;
  private static final long CACHE_BYTES_PER_THREAD = 1 << 20;
  private static final int FLUSH_ROUNDS = 16;
  private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
  private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  private static final VectorShuffle<Float> TWICE = VectorShuffle.fromValues(F8, 0, 1, 2, 3, 0, 1, 2, 3);

  private interface Pass {
    void add(Block block, double[] coef, double[] acc);
  }

  private FloatProductsProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = (long) Double.parseDouble(args.length > 0 ? args[0] : "1e7");
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    if (!DenseKernel.VECTORS || d % 2 != 0) {
      throw new IllegalStateException("needs the vector loops and an even d: " + DenseKernel.SCALAR_BECAUSE);
    }
    int blocks = (int) (rows / BLOCK_ROWS);
    List<Block> f64 = new ArrayList<>();
    List<Block> f32 = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      DenseBlock block = GaussianBlocks.dense(BLOCK_ROWS, d, k);
      f64.add(block);
      f32.add(DenseFloatBlock.of(block));
    }
    double[] coef = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      coef[j] = 0.01 * (j + 1);
    }
    SquaredLoss squared = new SquaredLoss();
    Pass ours = (b, w, acc) -> LossKernel.addBlock(b, w, squared, 1.0, acc);
    Pass fourFloats = (b, w, acc) -> productsInFloat(((DenseFloatBlock) b).tiles(), b.labels(), w, acc, false);
    Pass eightFloats = (b, w, acc) -> productsInFloat(((DenseFloatBlock) b).tiles(), b.labels(), w, acc, true);
    String[] names = {"ours, float64", "ours, float32", "products in float, four floats a feature",
        "products in float, eight floats, two features"};
    Pass[] passes = {ours, ours, fourFloats, eightFloats};
    int cachedBlocks = (int) Math.max(1, CACHE_BYTES_PER_THREAD / (8L * BLOCK_ROWS * d));
    int cachedRepeats = Math.max(1, blocks / (threads * cachedBlocks));
    long[][][] nanos = new long[2][names.length][reps];
    double[][] sums = new double[names.length][];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int rep = 0; rep < reps; rep++) {
        for (int place = 0; place < 2; place++) {
          for (int v = 0; v < names.length; v++) {
            List<Block> data = v == 0 ? f64 : f32;
            long start = System.nanoTime();
            double[] acc = place == 1
                ? pass(pool, threads, data.subList(0, threads * cachedBlocks), cachedRepeats, passes[v], coef, d)
                : pass(pool, threads, data, 1, passes[v], coef, d);
            nanos[place][v][rep] = System.nanoTime() - start;
            if (place == 0) {
              sums[v] = acc;
            }
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf(Locale.ROOT, "%,d rows x %d features in %d blocks, %d threads, %d passes each (the first %d"
        + " not counted); in cache: %d blocks a thread passed over %d times, scaled to the same rows%n%n",
        (long) blocks * BLOCK_ROWS, d, blocks, threads, reps, reps / 3, cachedBlocks, cachedRepeats);
    System.out.println("| pass | in memory, ms: median (min) | in cache, ms: median (min) |");
    System.out.println("|---|---:|---:|");
    double cacheScale = (double) blocks / (threads * cachedBlocks * cachedRepeats);
    for (int v = 0; v < names.length; v++) {
      System.out.printf(Locale.ROOT, "| %s | %.2f (%.2f) | %.2f (%.2f) |%n", names[v],
          median(nanos[0][v], reps / 3) / 1e6, min(nanos[0][v], reps / 3) / 1e6,
          cacheScale * median(nanos[1][v], reps / 3) / 1e6, cacheScale * min(nanos[1][v], reps / 3) / 1e6);
    }
    System.out.printf(Locale.ROOT, "%ngradients against ours over float32 blocks, relative to its largest feature sum:"
        + " four floats %.1e, eight floats %.1e (ours over float32 against float64: %.1e)%n",
        relativeDifference(sums[2], sums[1], d), relativeDifference(sums[3], sums[1], d),
        relativeDifference(sums[1], sums[0], d));
  }

  /**
   * The squared loss's gradient and residual sum over a block's four quarters (whole tiles, as a pass's), margins
   * in double as ours, products in float; adds into {@code acc[0..d]}.
   */
  private static void productsInFloat(float[] x, double[] y, double[] coef, double[] acc, boolean twoFeatures) {
    final int d = coef.length - 1;
    final int quarter = y.length / 4;
    final int[] firsts = {0, quarter, 2 * quarter, 3 * quarter};
    final float[] floatLanes = new float[4 * d];
    final double[] lanes = new double[4 * d];
    final DoubleVector intercept = DoubleVector.broadcast(D4, coef[d]);
    DoubleVector residuals = DoubleVector.zero(D4);
    DoubleVector squares = residuals;
    DoubleVector absolute = residuals;
    DoubleVector labels = residuals;
    DoubleVector squaredLabels = residuals;
    for (int i = 0, round = 1; i < quarter; i += 4, round++) {
      final int t0 = (firsts[0] + i) * d;
      final int t1 = (firsts[1] + i) * d;
      final int t2 = (firsts[2] + i) * d;
      final int t3 = (firsts[3] + i) * d;
      DoubleVector m0 = intercept;
      DoubleVector m1 = intercept;
      DoubleVector m2 = intercept;
      DoubleVector m3 = intercept;
      for (int j = 0; j < d; j++) {
        final DoubleVector w = DoubleVector.broadcast(D4, coef[j]);
        m0 = widen(x, t0 + 4 * j).fma(w, m0);
        m1 = widen(x, t1 + 4 * j).fma(w, m1);
        m2 = widen(x, t2 + 4 * j).fma(w, m2);
        m3 = widen(x, t3 + 4 * j).fma(w, m3);
      }
      final DoubleVector l0 = DoubleVector.fromArray(D4, y, firsts[0] + i);
      final DoubleVector l1 = DoubleVector.fromArray(D4, y, firsts[1] + i);
      final DoubleVector l2 = DoubleVector.fromArray(D4, y, firsts[2] + i);
      final DoubleVector l3 = DoubleVector.fromArray(D4, y, firsts[3] + i);
      final DoubleVector r0 = m0.sub(l0);
      final DoubleVector r1 = m1.sub(l1);
      final DoubleVector r2 = m2.sub(l2);
      final DoubleVector r3 = m3.sub(l3);
      if (twoFeatures) {
        final FloatVector f0 = twice(r0);
        final FloatVector f1 = twice(r1);
        final FloatVector f2 = twice(r2);
        final FloatVector f3 = twice(r3);
        for (int j = 0; j < d; j += 2) {
          FloatVector.fromArray(F8, x, t3 + 4 * j).fma(f3, FloatVector.fromArray(F8, x, t2 + 4 * j).fma(f2,
              FloatVector.fromArray(F8, x, t1 + 4 * j).fma(f1, FloatVector.fromArray(F8, x, t0 + 4 * j).fma(f0,
                  FloatVector.fromArray(F8, floatLanes, 4 * j))))).intoArray(floatLanes, 4 * j);
        }
      } else {
        final FloatVector f0 = narrow(r0);
        final FloatVector f1 = narrow(r1);
        final FloatVector f2 = narrow(r2);
        final FloatVector f3 = narrow(r3);
        for (int j = 0; j < d; j++) {
          FloatVector.fromArray(F4, x, t3 + 4 * j).fma(f3, FloatVector.fromArray(F4, x, t2 + 4 * j).fma(f2,
              FloatVector.fromArray(F4, x, t1 + 4 * j).fma(f1, FloatVector.fromArray(F4, x, t0 + 4 * j).fma(f0,
                  FloatVector.fromArray(F4, floatLanes, 4 * j))))).intoArray(floatLanes, 4 * j);
        }
      }
      // the other sums ours keeps, so that both loops do the same work besides the products
      residuals = residuals.add(r0).add(r1).add(r2).add(r3);
      squares = squares.add(r0.mul(r0)).add(r1.mul(r1)).add(r2.mul(r2)).add(r3.mul(r3));
      absolute = absolute.add(r0.abs()).add(r1.abs()).add(r2.abs()).add(r3.abs());
      labels = labels.add(l0).add(l1).add(l2).add(l3);
      squaredLabels = squaredLabels.add(l0.mul(l0)).add(l1.mul(l1)).add(l2.mul(l2)).add(l3.mul(l3));
      if (round % FLUSH_ROUNDS == 0) {
        addFloatLanes(floatLanes, lanes);
      }
    }
    addFloatLanes(floatLanes, lanes);
    for (int j = 0; j < d; j++) {
      acc[j] += lanes[4 * j] + lanes[4 * j + 1] + lanes[4 * j + 2] + lanes[4 * j + 3];
    }
    acc[d] += residuals.reduceLanes(VectorOperators.ADD);
    acc[d + PointLoss.METRIC_A] += squares.reduceLanes(VectorOperators.ADD);
    acc[d + PointLoss.METRIC_B] += absolute.reduceLanes(VectorOperators.ADD);
    acc[d + PointLoss.LABELS] += labels.reduceLanes(VectorOperators.ADD);
    acc[d + PointLoss.SQUARED_LABELS] += squaredLabels.reduceLanes(VectorOperators.ADD);
  }

  /** Adds the float lanes into the double lanes and clears them. */
  private static void addFloatLanes(float[] floatLanes, double[] lanes) {
    for (int p = 0; p < lanes.length; p += 4) {
      widen(floatLanes, p).add(DoubleVector.fromArray(D4, lanes, p)).intoArray(lanes, p);
    }
    Arrays.fill(floatLanes, 0f);
  }

  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(F4, x, at).convertShape(VectorOperators.F2D, D4, 0);
  }

  private static FloatVector narrow(DoubleVector r) {
    return (FloatVector) r.convertShape(VectorOperators.D2F, F4, 0);
  }

  /** The four residuals as floats, twice over: lanes 0-3 and 4-7. */
  private static FloatVector twice(DoubleVector r) {
    return ((FloatVector) r.convertShape(VectorOperators.D2F, F8, 0)).rearrange(TWICE);
  }

  private static double[] pass(ExecutorService pool, int threads, List<Block> data, int repeats, Pass kernel,
      double[] coef, int d) throws Exception {
    List<Future<double[]>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Block> part = data.subList(t * data.size() / threads, (t + 1) * data.size() / threads);
      parts.add(pool.submit(() -> {
        double[] acc = new double[LossKernel.width(d)];
        for (int r = 0; r < repeats; r++) {
          for (Block b : part) {
            kernel.add(b, coef, acc);
          }
        }
        return acc;
      }));
    }
    double[] sum = new double[LossKernel.width(d)];
    for (Future<double[]> part : parts) {
      double[] acc = part.get();
      for (int j = 0; j < sum.length; j++) {
        sum[j] += acc[j];
      }
    }
    return sum;
  }

  /** The largest difference over the feature sums and the residual sum, relative to the largest of ours. */
  private static double relativeDifference(double[] what, double[] ours, int d) {
    double scale = 0;
    double diff = 0;
    for (int j = 0; j <= d; j++) {
      scale = Math.max(scale, Math.abs(ours[j]));
      diff = Math.max(diff, Math.abs(what[j] - ours[j]));
    }
    return diff / scale;
  }

  private static double median(long[] values, int from) {
    long[] sorted = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double min(long[] values, int from) {
    return Arrays.stream(values, from, values.length).min().getAsLong();
  }
}
