package sparkdgd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's read bandwidth: every thread sums its own contiguous slice of one large {@code double[]}
 * (eight independent accumulators, so the adds do not wait on each other and the loop waits on memory),
 * all threads at once. Bytes per second = array bytes / wall time of one sweep.
 */
public final class ReadBandwidth implements AutoCloseable {
  private final double[] data;
  private final int threads;
  private final ExecutorService pool;
  private volatile double sink;

  public ReadBandwidth(int mib, int threads) {
    if (mib < 1 || threads < 1) {
      throw new IllegalArgumentException("Expected mib >= 1 and threads >= 1, got " + mib + ", " + threads);
    }
    this.data = new double[(int) Math.min(Integer.MAX_VALUE - 8L, (long) mib * 1024 * 1024 / Double.BYTES)];
    Arrays.fill(data, 1.0);
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "read-bandwidth");
      t.setDaemon(true);
      return t;
    });
  }

  public long bytes() {
    return (long) data.length * Double.BYTES;
  }

  /** One sweep over the whole array on every thread. */
  public void sweep() throws Exception {
    List<Future<Double>> parts = new ArrayList<>();
    int n = data.length;
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      parts.add(pool.submit(() -> sum(data, from, to)));
    }
    double s = 0;
    for (Future<Double> f : parts) {
      s += f.get();
    }
    sink = s;
  }

  /** The sum of every element (the last sweep's result), so the JIT cannot drop the work. */
  public double lastSum() {
    return sink;
  }

  static double sum(double[] a, int from, int to) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
      s4 += a[i + 4];
      s5 += a[i + 5];
      s6 += a[i + 6];
      s7 += a[i + 7];
    }
    for (; i < to; i++) {
      s0 += a[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
