package sparkdgd.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sparkdgd.bench.DataSpec;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.PartitionSums;
import sparkdgd.block.RowSampler;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, session 19): a 0.01 mini-batch in runs summed over two
 * partitions on two threads, the way a pass's tasks sum it ({@link BlockPass#sumPartition}), once block by block
 * ({@link LossKernel#addBlock}) and once through {@link LossKernel#summer} ({@link RunsAhead}), in turns, each with a sample of its own, each first in every other pass; prints
 * whether the two gave the same sums. Run by {@code scripts/measure-runs-ahead.sh}.
 *
 * <p>Arguments: rows, features, passes, rows per run, and optionally {@code float32}.
 */
public final class RunsAheadProbe {
  private RunsAheadProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = (long) Double.parseDouble(args[0]);
    int d = Integer.parseInt(args[1]);
    int passes = Integer.parseInt(args[2]);
    int runRows = Integer.parseInt(args[3]);
    boolean float32 = args.length > 4 && args[4].equals("float32");
    List<Block> blocks = new ArrayList<>();
    for (DenseBlock block : new DataSpec(rows, d, 2, 4096, 1, DataSpec.INTERCEPT, DataSpec.NOISE).localBlocks()) {
      blocks.add(float32 ? DenseFloatBlock.of(block) : block);
    }
    double[] coef = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      coef[j] = 0.01 * (j + 1);
    }
    String[] names = {"block by block (LossKernel.addBlock)", "RunsAhead"};
    long[][] nanos = new long[2][passes];
    double[][] last = new double[2][];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // Each variant reads a sample of its own, first in every other pass: a variant reading the rows the other
      // has just read finds them in the cache (until session 21 both read the same sample, the second one faster).
      // The last pass, not timed, gives both the same sample, to compare their sums.
      for (int pass = 0; pass <= passes; pass++) {
        for (int turn = 0; turn < 2; turn++) {
          final int v = (turn + pass) % 2;
          final boolean ahead = v == 1;
          RowSampler sample = RowSampler.sample(0.01, runRows, 7, pass == passes ? -1 : 2 * pass + v);
          long start = System.nanoTime();
          List<Future<PartitionSums>> parts = new ArrayList<>();
          for (int t = 0; t < 2; t++) {
            final int partition = t;
            parts.add(pool.submit(() -> {
              RowSampler.Cursor cursor = sample.cursor(partition);
              BlockSummer summer = ahead ? LossKernel.summer(cursor, coef, new SquaredLoss(), 1.0)
                  : (b, acc) -> LossKernel.addBlock(b, cursor, coef, new SquaredLoss(), 1.0, acc);
              List<Block> mine = blocks.subList(partition * blocks.size() / 2, (partition + 1) * blocks.size() / 2);
              return BlockPass.sumPartition(mine.iterator(), summer, LossKernel.width(d));
            }));
          }
          double[] total = new double[LossKernel.width(d)];
          for (Future<PartitionSums> part : parts) {
            double[] sums = part.get().sums();
            for (int j = 0; j < sums.length; j++) {
              total[j] += sums[j];
            }
          }
          if (pass < passes) {
            nanos[v][pass] = System.nanoTime() - start;
          } else {
            last[v] = total;
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("%,d rows x %d features (%s), a 0.01 batch in runs of %d rows, 2 threads, %d passes in turns "
        + "(the first third warm-up); the same sums: %s%n", rows, d, float32 ? "float32" : "float64", runRows, passes,
        Arrays.equals(last[0], last[1]));
    for (int v = 0; v < 2; v++) {
      long[] timed = Arrays.copyOfRange(nanos[v], passes / 3, passes);
      Arrays.sort(timed);
      System.out.printf("| %s | %.3f ms median | %.3f ms min |%n", names[v], timed[timed.length / 2] / 1e6,
          timed[0] / 1e6);
    }
  }
}
