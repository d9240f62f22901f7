package sparkdgd.bench;

import java.util.List;
import sparkdgd.config.Checks;

/**
 * One {@code benchmark} run, validated once.
 *
 * @param sizes             data sizes, measured one after the other
 * @param partitions        partitions of every cached data set (the same for ours, MLlib and ML)
 * @param blockRows         rows per packed block
 * @param warmupJobs        empty Spark jobs run before the sizes are measured ({@link JobPathWarmup})
 * @param warmup            untimed runs before each measurement, at least ({@link Timer})
 * @param repetitions       timed runs of each measurement (median, min, max)
 * @param seed              drives the synthetic data
 * @param mllibIterations   iterations per timed {@code runMiniBatchSGD} call (time per iteration = call / this)
 * @param checkIterations   iterations of ours and of MLlib compared for correctness
 * @param checkStep         MLlib's {@code stepSize} in the check; 0 = automatic (see {@link StepRule})
 * @param bandwidthMib      size of the array summed to measure the read bandwidth
 * @param withMl            whether to time {@code ml.regression.LinearRegression}
 * @param output            Markdown file to write, or null to print only
 */
public record BenchmarkConfig(List<Size> sizes, int partitions, int blockRows, int warmupJobs, int warmup,
    int repetitions, long seed, int mllibIterations, int checkIterations, double checkStep, int bandwidthMib,
    boolean withMl, String output) {

  public BenchmarkConfig {
    Checks.arg(sizes != null && !sizes.isEmpty(), "--sizes must name at least one size");
    sizes = List.copyOf(sizes);
    Checks.arg(partitions >= 1, "--partitions must be >= 1, got %d", partitions);
    for (Size s : sizes) {
      Checks.arg(s.rows() >= partitions, "--partitions (%d) must be at most the rows of every size, got %s",
          partitions, s.label());
    }
    Checks.arg(blockRows >= 1, "--block-rows must be >= 1, got %d", blockRows);
    Checks.arg(warmupJobs >= 0, "--warmup-jobs must be >= 0, got %d", warmupJobs);
    Checks.arg(warmup >= 0, "--warmup must be >= 0, got %d", warmup);
    Checks.arg(repetitions >= 1, "--repetitions must be >= 1, got %d", repetitions);
    Checks.arg(mllibIterations >= 1, "--mllib-iterations must be >= 1, got %d", mllibIterations);
    Checks.arg(checkIterations >= 1, "--check-iterations must be >= 1, got %d", checkIterations);
    Checks.arg(checkStep >= 0 && Double.isFinite(checkStep),
        "--check-step must be a positive number, or 0 for automatic, got %s", checkStep);
    Checks.arg(bandwidthMib >= 1, "--bandwidth-mib must be >= 1, got %d", bandwidthMib);
  }
}
