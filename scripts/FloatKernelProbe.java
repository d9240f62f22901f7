import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;

/**
 * Our kernel over float64 and float32 blocks beside session 13's what-if on the Vector API, which became the
 * float32 kernel ({@code FloatTileVectors}, session 18; docs/BENCHMARKS.md). Run by
 * {@code scripts/measure-float-kernel.sh}, which passes {@code --add-modules jdk.incubator.vector}; not part of
 * the build.
 *
 * <p>On N threads over 4096-row blocks of Gaussian values, passes timed in turns (median and min after
 * warm-up), nanoseconds per row:
 * <ul>
 *   <li>our kernel ({@link LossKernel#addBlock}, squared loss) over float64 and float32 blocks of the whole
 *       data, which does not fit in any cache;</li>
 *   <li>the same kernel over a few blocks that fit in the cores' caches (1 MB a thread), passed over as many
 *       times as make the same row count: the kernel's compute alone, next to no memory traffic;</li>
 *   <li>a what-if kernel on the JDK's incubating Vector API: a tile's four rows in the four lanes of one
 *       256-bit vector, the gradient summed per lane and the lanes added at the end (as our float32 kernel
 *       does where the JVM has the Vector API, and since session 20 our float64 kernel too).</li>
 * </ul>
 * The what-if's sums are checked against our kernel's (relative difference printed).
 */
public final class FloatKernelProbe {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
  private static final int BLOCK_ROWS = 4096;
  private static final long CACHE_BYTES_PER_THREAD = 1 << 20;

  private interface BlockKernel {
    void add(Block block, double[] coef, double[] acc);
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 10_000_000L;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 25;
    int blocks = (int) (rows / BLOCK_ROWS);
    List<Block> f64 = new ArrayList<>();
    List<Block> f32 = new ArrayList<>();
    Random random = new Random(1);
    for (int k = 0; k < blocks; k++) {
      double[] x = new double[BLOCK_ROWS * d];
      double[] y = new double[BLOCK_ROWS];
      for (int q = 0; q < x.length; q++) {
        x[q] = random.nextGaussian();
      }
      for (int i = 0; i < BLOCK_ROWS; i++) {
        y[i] = random.nextGaussian();
      }
      DenseBlock block = new DenseBlock(BLOCK_ROWS, d, x, y);
      f64.add(block);
      f32.add(DenseFloatBlock.of(block));
    }
    int cachedBlocks = (int) Math.max(1, CACHE_BYTES_PER_THREAD / (8L * BLOCK_ROWS * d));
    int cachedRepeats = Math.max(1, blocks / (threads * cachedBlocks));
    double[] coef = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      coef[j] = 0.01 * (j + 1);
    }
    SquaredLoss squared = new SquaredLoss();
    BlockKernel ours = (b, w, acc) -> LossKernel.addBlock(b, w, squared, 1.0, acc);
    BlockKernel lanes = FloatKernelProbe::addPerLane;
    String[] names = {
        "our kernel, float64, in memory", "our kernel, float32, in memory",
        "our kernel, float64, in cache (compute only)", "our kernel, float32, in cache (compute only)",
        "Vector API per lane, float64, in memory", "Vector API per lane, float32, in memory"};
    long[][] nanos = new long[names.length][reps];
    double[][] last = new double[names.length][];
    long rowsPassed = (long) blocks * BLOCK_ROWS;
    long cachedRowsPassed = (long) threads * cachedBlocks * cachedRepeats * BLOCK_ROWS;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int rep = 0; rep < reps; rep++) {
        for (int v = 0; v < names.length; v++) {
          List<Block> data = v % 2 == 0 ? f64 : f32;
          BlockKernel kernel = v < 4 ? ours : lanes;
          boolean cached = v == 2 || v == 3;
          long start = System.nanoTime();
          last[v] = cached
              ? pass(pool, threads, data.subList(0, threads * cachedBlocks), cachedRepeats, kernel, coef, d)
              : pass(pool, threads, data, 1, kernel, coef, d);
          nanos[v][rep] = System.nanoTime() - start;
        }
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("%,d rows x %d features in %d blocks, %d threads, %d passes each (the first %d warm-up);"
        + " cached set %d blocks a thread passed %d times%n", rowsPassed, d, blocks, threads, reps, reps / 3,
        cachedBlocks, cachedRepeats);
    System.out.println("| kernel | ns a row, median (min) | our float64 in memory / this |");
    System.out.println("|---|---|---|");
    double reference = median(nanos[0], reps / 3) / (double) rowsPassed;
    for (int v = 0; v < names.length; v++) {
      long count = v == 2 || v == 3 ? cachedRowsPassed : rowsPassed;
      double med = median(nanos[v], reps / 3) / (double) count;
      double min = Arrays.stream(nanos[v], reps / 3, reps).min().getAsLong() / (double) count;
      System.out.printf("| %s | %.2f (%.2f) | %.2f |%n", names[v], med, min, reference / med);
    }
    System.out.printf("per-lane sums against ours: float64 %.1e, float32 %.1e (max relative difference)%n",
        relativeDifference(last[4], last[0], d), relativeDifference(last[5], last[1], d));
  }

  /** One pass (or {@code repeats} passes) of {@code kernel} over {@code data} split in contiguous parts. */
  private static double[] pass(ExecutorService pool, int threads, List<Block> data, int repeats, BlockKernel kernel,
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

  /** The what-if over a block of full tiles: one loop for each element type, so each compiles to vectors. */
  private static void addPerLane(Block block, double[] coef, double[] acc) {
    if (block instanceof DenseBlock b) {
      addPerLane(b.tiles(), block.labels(), block.rows(), coef, acc);
    } else {
      addPerLane(((DenseFloatBlock) block).tiles(), block.labels(), block.rows(), coef, acc);
    }
  }

  /** The gradient, residual sum and loss of rows [0, n), summed per lane; adds into acc[0..d+1]. */
  private static void addPerLane(double[] x, double[] y, int n, double[] coef, double[] acc) {
    int d = coef.length - 1;
    double[] laneAcc = new double[4 * d];
    DoubleVector intercept = DoubleVector.broadcast(DOUBLES, coef[d]);
    DoubleVector residuals = DoubleVector.zero(DOUBLES);
    DoubleVector squares = DoubleVector.zero(DOUBLES);
    for (int i = 0; i < n; i += 4) {
      int tile = i * d;
      DoubleVector m = intercept;
      for (int j = 0; j < d; j++) {
        m = DoubleVector.fromArray(DOUBLES, x, tile + 4 * j).fma(DoubleVector.broadcast(DOUBLES, coef[j]), m);
      }
      DoubleVector r = m.sub(DoubleVector.fromArray(DOUBLES, y, i));
      for (int j = 0; j < d; j++) {
        r.fma(DoubleVector.fromArray(DOUBLES, x, tile + 4 * j), DoubleVector.fromArray(DOUBLES, laneAcc, 4 * j))
            .intoArray(laneAcc, 4 * j);
      }
      residuals = residuals.add(r);
      squares = r.fma(r, squares);
    }
    addLanes(laneAcc, residuals, squares, d, acc);
  }

  /** {@link #addPerLane(double[], double[], int, double[], double[])} over float features. */
  private static void addPerLane(float[] x, double[] y, int n, double[] coef, double[] acc) {
    int d = coef.length - 1;
    double[] laneAcc = new double[4 * d];
    DoubleVector intercept = DoubleVector.broadcast(DOUBLES, coef[d]);
    DoubleVector residuals = DoubleVector.zero(DOUBLES);
    DoubleVector squares = DoubleVector.zero(DOUBLES);
    for (int i = 0; i < n; i += 4) {
      int tile = i * d;
      DoubleVector m = intercept;
      for (int j = 0; j < d; j++) {
        m = widen(x, tile + 4 * j).fma(DoubleVector.broadcast(DOUBLES, coef[j]), m);
      }
      DoubleVector r = m.sub(DoubleVector.fromArray(DOUBLES, y, i));
      for (int j = 0; j < d; j++) {
        r.fma(widen(x, tile + 4 * j), DoubleVector.fromArray(DOUBLES, laneAcc, 4 * j)).intoArray(laneAcc, 4 * j);
      }
      residuals = residuals.add(r);
      squares = r.fma(r, squares);
    }
    addLanes(laneAcc, residuals, squares, d, acc);
  }

  /** Four floats from {@code at}, as doubles. */
  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(FLOATS, x, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  private static void addLanes(double[] laneAcc, DoubleVector residuals, DoubleVector squares, int d,
      double[] acc) {
    for (int j = 0; j < d; j++) {
      acc[j] += laneAcc[4 * j] + laneAcc[4 * j + 1] + laneAcc[4 * j + 2] + laneAcc[4 * j + 3];
    }
    acc[d] += residuals.reduceLanes(VectorOperators.ADD);
    acc[d + 1] += squares.reduceLanes(VectorOperators.ADD);
  }

  /** The largest difference over the gradient and the residual sum, relative to the largest of ours. */
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
}
