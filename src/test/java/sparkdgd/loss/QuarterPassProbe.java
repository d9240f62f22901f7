package sparkdgd.loss;

import static sparkdgd.loss.ProbePasses.median;
import static sparkdgd.loss.ProbePasses.pass;
import static sparkdgd.loss.ProbePasses.relativeDifference;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.ProbePasses.Pass;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, session 24): a full pass over 4096-row blocks with the squared
 * loss's vector loop over each block's full tiles in one stretch, against the same tiles in four quarters walked
 * together (what a pass does below {@link DenseKernel#QUARTERS_BELOW_FEATURES} features, here at any d), over
 * float64 and float32 blocks, in memory (all the blocks) and in cache (a few blocks a thread
 * passed over again: the loop's compute alone). Nanoseconds a row on N threads, medians of the timings after the
 * first third, the eight variants in turns. Run by {@code scripts/measure-quarter-pass.sh}.
 *
 * <p>Arguments: features, values in all (rows = values / features), repetitions, threads.
 */
public final class QuarterPassProbe {
  private static final int BLOCK_ROWS = 4096;
  private static final long CACHE_BYTES_PER_THREAD = 1 << 20;


  private QuarterPassProbe() {}

  public static void main(String[] args) throws Exception {
    int d = Integer.parseInt(args[0]);
    long values = (long) Double.parseDouble(args.length > 1 ? args[1] : "1e8");
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 21;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    if (!DenseKernel.VECTORS) {
      throw new IllegalStateException("the vector loops do not run in this JVM: " + DenseKernel.SCALAR_BECAUSE);
    }
    int blocks = (int) (values / d / BLOCK_ROWS);
    List<Block> f64 = ProbePasses.gaussianBlocks(blocks, BLOCK_ROWS, d);
    List<Block> f32 = ProbePasses.rounded(f64);
    double[] coef = ProbePasses.coefficients(d);
    Pass oneLoop = QuarterPassProbe::oneLoop;
    Pass quarters = QuarterPassProbe::quarters;
    int cachedBlocks = (int) Math.max(1, CACHE_BYTES_PER_THREAD / (8L * BLOCK_ROWS * d));
    int cachedRepeats = Math.max(1, blocks / (threads * cachedBlocks));
    String[] names = {"float64, in memory", "float32, in memory", "float64, in cache", "float32, in cache"};
    long[][][] nanos = new long[4][2][reps];
    double[][][] sums = new double[4][2][];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int rep = 0; rep < reps; rep++) {
        for (int v = 0; v < 4; v++) {
          List<Block> data = v % 2 == 0 ? f64 : f32;
          boolean cached = v >= 2;
          for (int shape = 0; shape < 2; shape++) {
            long start = System.nanoTime();
            sums[v][shape] = cached
                ? pass(pool, threads, data.subList(0, threads * cachedBlocks), cachedRepeats, shape == 0 ? oneLoop
                    : quarters, coef, d)
                : pass(pool, threads, data, 1, shape == 0 ? oneLoop : quarters, coef, d);
            nanos[v][shape][rep] = System.nanoTime() - start;
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    long rows = (long) blocks * BLOCK_ROWS;
    long cachedRows = (long) threads * cachedBlocks * cachedRepeats * BLOCK_ROWS;
    System.out.printf(Locale.ROOT, "%,d rows x %d features in %d blocks of %d rows, %d threads, %d passes each (the"
        + " first %d not counted); in cache: %d blocks a thread passed over %d times%n%n", rows, d, blocks, BLOCK_ROWS,
        threads, reps, reps / 3, cachedBlocks, cachedRepeats);
    System.out.println("| blocks | one loop, ns a row | four quarters, ns a row | one loop / quarters |");
    System.out.println("|---|---:|---:|---:|");
    for (int v = 0; v < 4; v++) {
      long count = v >= 2 ? cachedRows : rows;
      double one = median(nanos[v][0], reps / 3) / count;
      double four = median(nanos[v][1], reps / 3) / count;
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.2f |%n", names[v], one, four, one / four);
    }
    System.out.printf(Locale.ROOT, "%nthe two shapes' gradients differ by at most %.1e relative (float64 blocks)%n",
        relativeDifference(sums[0][0], sums[0][1], d));
  }

  /** The block's full tiles through the vector loop in one stretch, the rest one row at a time. */
  private static void oneLoop(Block block, double[] coef, double[] acc) {
    int d = block.dims();
    int n = block.rows();
    int full = n & ~3;
    double[] sums = new double[5];
    if (block instanceof DenseBlock b) {
      DoubleTileVectors.addSquaredTiles(b.tiles(), b.labels(), d, 0, full, coef, 1.0, acc, sums);
    } else {
      DenseFloatBlock f = (DenseFloatBlock) block;
      FloatTileVectors.addSquaredTiles(f.tiles(), f.labels(), d, 0, full, coef, 1.0, acc, sums);
    }
    if (full != n) {
      throw new IllegalArgumentException("blocks of whole tiles only");
    }
    acc[d] += sums[0];
    acc[d + PointLoss.LOSS] += sums[1];
    acc[d + PointLoss.ROWS] += n;
  }

  /**
   * The block's four quarters through the four-run loop, at any d: what a pass does below
   * {@link DenseKernel#QUARTERS_BELOW_FEATURES} features, called directly so that wider blocks can be measured too.
   */
  private static void quarters(Block block, double[] coef, double[] acc) {
    int quarter = BLOCK_ROWS / 4;
    DenseLoops.fourRuns(block, new int[] {0, quarter, 2 * quarter, 3 * quarter}, quarter, coef, 1.0, acc);
  }
}
