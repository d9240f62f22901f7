package sparkdgd.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sparkdgd.block.DenseBlock;

/**
 * JMH benchmark of the block kernel: one pass of {@link KernelLoop} (our kernel), {@link PlainLoop} (the
 * plain Java loop) and {@link BlockRead} (the read bound) over the same driver-side blocks the
 * {@code benchmark} subcommand builds (4 partitions of 4096-row blocks, seed 1), on 2 threads. Each
 * (method, size) runs in its own forked JVMs, so the spread between forks shows how much one JVM's
 * compilation of the loops moves a figure, which the in-process benchmark, one JVM per run, cannot show.
 * Run by {@code scripts/measure-kernel-jmh.sh}; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseTransparentHugePages"})
public class BlockKernelBenchmark {
  private static final int THREADS = 2;

  /** Rows x features, as the benchmark's {@code --sizes} writes them. */
  @Param({"1e7x10", "1e6x100"})
  public String size;

  private KernelLoop kernel;
  private PlainLoop plain;
  private BlockRead read;
  private double[] coef;

  @Setup(Level.Trial)
  public void build() {
    Size parsed = Size.parse(size);
    DataSpec spec = DataSpec.of(parsed, 4, 4096, 1);
    List<DenseBlock> blocks = spec.localBlocks();
    int d = parsed.features();
    kernel = new KernelLoop(blocks, d, THREADS);
    plain = new PlainLoop(blocks, d, THREADS);
    read = new BlockRead(blocks, d, THREADS);
    coef = new double[d + 1];
    System.arraycopy(spec.coefficients(), 0, coef, 0, d);
    coef[d] = spec.intercept();
  }

  @TearDown(Level.Trial)
  public void close() {
    kernel.close();
    plain.close();
    read.close();
  }

  @Benchmark
  public double[] kernel() throws Exception {
    return kernel.pass(coef);
  }

  @Benchmark
  public double[] plainLoop() throws Exception {
    return plain.pass(coef);
  }

  @Benchmark
  public double read() throws Exception {
    return read.pass();
  }
}
