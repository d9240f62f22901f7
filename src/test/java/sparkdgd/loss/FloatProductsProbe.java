package sparkdgd.loss;

import static sparkdgd.loss.ProbePasses.median;
import static sparkdgd.loss.ProbePasses.pass;
import static sparkdgd.loss.ProbePasses.relativeDifference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import sparkdgd.block.Block;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.ProbePasses.Pass;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, session 28): what the float32 pass would gain if its gradient
 * products were taken in float. Our four-quarter loop ({@link FloatTileVectors#addSquaredFourRuns}) widens every
 * float twice, once for the margins and once for the products {@code r x_j}, and sums in double, so its sums are
 * the double loop's on the rounded values. The what-if keeps the margins as ours (double) but rounds each tile's
 * residuals to float and takes the products four floats at a time, added in float lanes that are added into double
 * lanes every 16 rounds (64 products a lane): one widening a value instead of two, at the price of sums no longer
 * exact on the rounded values. 2 threads (or N), float64 and float32 blocks, in memory and in cache (a few blocks a
 * thread passed over again), milliseconds a pass by median and minimum after the first third, all in turns; and how
 * far the what-if's gradient is from ours, relative to the largest feature sum. Run by
 * {@code scripts/measure-float-products.sh}.
 *
 * <p>Arguments: rows, features, repetitions, threads.
 */
public final class FloatProductsProbe {
  private static final int BLOCK_ROWS = 4096;
  private static final long CACHE_BYTES_PER_THREAD = 1 << 20;
  private static final int FLUSH_ROUNDS = 16;
  private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;


  private FloatProductsProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = (long) Double.parseDouble(args.length > 0 ? args[0] : "1e7");
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    if (!DenseKernel.VECTORS) {
      throw new IllegalStateException("the vector loops do not run in this JVM: " + DenseKernel.SCALAR_BECAUSE);
    }
    int blocks = (int) (rows / BLOCK_ROWS);
    List<Block> f64 = ProbePasses.gaussianBlocks(blocks, BLOCK_ROWS, d);
    List<Block> f32 = ProbePasses.rounded(f64);
    double[] coef = ProbePasses.coefficients(d);
    SquaredLoss squared = new SquaredLoss();
    Pass ours = (b, w, acc) -> LossKernel.addBlock(b, w, squared, 1.0, acc);
    Pass fourFloats = (b, w, acc) -> productsInFourFloats(((DenseFloatBlock) b).tiles(), b.labels(), w, acc);
    String[] names = {"ours, float64", "ours, float32", "products in float"};
    Pass[] passes = {ours, ours, fourFloats};
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
    System.out.printf(Locale.ROOT, "%ngradient in float against ours over float32 blocks, relative to its largest"
        + " feature sum: %.1e (ours over float32 against float64: %.1e)%n", relativeDifference(sums[2], sums[1], d + 1),
        relativeDifference(sums[1], sums[0], d + 1));
  }

  /**
   * The squared loss's gradient and sums over a block's four quarters (whole tiles, as a pass's), margins in double
   * as ours, products in float four floats at a time; adds into {@code acc}.
   */
  private static void productsInFourFloats(float[] x, double[] y, double[] coef, double[] acc) {
    final int d = coef.length - 1;
    final int q = y.length / 4;
    final float[] floatLanes = new float[4 * d];
    final double[] lanes = new double[4 * d];
    final DoubleVector intercept = DoubleVector.broadcast(D4, coef[d]);
    DoubleVector residuals = DoubleVector.zero(D4);
    DoubleVector squares = residuals;
    DoubleVector absolute = residuals;
    DoubleVector labels = residuals;
    DoubleVector squaredLabels = residuals;
    for (int i = 0, round = 1; i < q; i += 4, round++) {
      final int t0 = i * d;
      final int t1 = (q + i) * d;
      final int t2 = (2 * q + i) * d;
      final int t3 = (3 * q + i) * d;
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
      final DoubleVector l0 = DoubleVector.fromArray(D4, y, i);
      final DoubleVector l1 = DoubleVector.fromArray(D4, y, q + i);
      final DoubleVector l2 = DoubleVector.fromArray(D4, y, 2 * q + i);
      final DoubleVector l3 = DoubleVector.fromArray(D4, y, 3 * q + i);
      final DoubleVector r0 = m0.sub(l0);
      final DoubleVector r1 = m1.sub(l1);
      final DoubleVector r2 = m2.sub(l2);
      final DoubleVector r3 = m3.sub(l3);
      final FloatVector f0 = narrow(r0);
      final FloatVector f1 = narrow(r1);
      final FloatVector f2 = narrow(r2);
      final FloatVector f3 = narrow(r3);
      for (int j = 0; j < d; j++) {
        FloatVector.fromArray(F4, x, t3 + 4 * j).fma(f3, FloatVector.fromArray(F4, x, t2 + 4 * j).fma(f2,
            FloatVector.fromArray(F4, x, t1 + 4 * j).fma(f1, FloatVector.fromArray(F4, x, t0 + 4 * j).fma(f0,
                FloatVector.fromArray(F4, floatLanes, 4 * j))))).intoArray(floatLanes, 4 * j);
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
    finish(floatLanes, lanes, d, acc, residuals.reduceLanes(VectorOperators.ADD),
        squares.reduceLanes(VectorOperators.ADD), absolute.reduceLanes(VectorOperators.ADD),
        labels.reduceLanes(VectorOperators.ADD), squaredLabels.reduceLanes(VectorOperators.ADD));
  }

  /** Adds the lanes and the five sums after d into {@code acc}, as the kernel lays them out. */
  private static void finish(float[] floatLanes, double[] lanes, int d, double[] acc, double residuals,
      double squares, double absolute, double labels, double squaredLabels) {
    addFloatLanes(floatLanes, lanes);
    for (int j = 0; j < d; j++) {
      acc[j] += lanes[4 * j] + lanes[4 * j + 1] + lanes[4 * j + 2] + lanes[4 * j + 3];
    }
    acc[d] += residuals;
    acc[d + PointLoss.METRIC_A] += squares;
    acc[d + PointLoss.METRIC_B] += absolute;
    acc[d + PointLoss.LABELS] += labels;
    acc[d + PointLoss.SQUARED_LABELS] += squaredLabels;
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







  private static double min(long[] values, int from) {
    return Arrays.stream(values, from, values.length).min().getAsLong();
  }
}
