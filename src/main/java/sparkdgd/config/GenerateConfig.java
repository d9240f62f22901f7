package sparkdgd.config;

import java.util.Arrays;

/**
 * One {@code generate} run, validated once: {@code rows} rows of {@code features} features, each
 * feature {@code U(0,1)} and zero with probability {@code sparsity}, and
 * {@code y = coefficients . x + intercept + noise * N(0,1)}, or for logistic labels y = 1 with probability
 * {@code 1 / (1 + exp(-(coefficients . x + intercept)))}, else 0.
 *
 * @param rows         number of rows, at least 1
 * @param features     number of features, at least 1
 * @param sparsity     probability that a feature value is zero, in [0, 1)
 * @param labels       linear (a regression's y) or logistic (0 or 1)
 * @param noise        standard deviation of the Gaussian noise added to y, at least 0; 0 for logistic labels,
 *                     whose draw is their noise
 * @param seed         drives every random number; partition p draws from (seed, p) only
 * @param coefficients the true weights, {@code features} long
 * @param intercept    the true intercept
 * @param format       csv, parquet or libsvm
 * @param partitions   number of partitions (= output files), at most rows; 0 picks one per million
 *                     rows, at least Spark's default parallelism
 * @param output       output directory path or URI
 * @param overwrite    replace an existing non-empty output directory
 * @param verbose      Spark's INFO logs and stack traces
 */
public record GenerateConfig(long rows, int features, double sparsity, GeneratedLabels labels, double noise,
    long seed, double[] coefficients, double intercept, InputFormat format, int partitions, String output,
    boolean overwrite, boolean verbose) {

  public GenerateConfig {
    Checks.arg(rows >= 1, "--rows must be >= 1, got %d", rows);
    Checks.arg(features >= 1, "--features must be >= 1, got %d", features);
    Checks.arg(sparsity >= 0 && sparsity < 1, "--sparsity must be in [0, 1), got %s", sparsity);
    Checks.arg(labels != null, "--labels must be linear or logistic");
    Checks.arg(noise >= 0 && Double.isFinite(noise), "--noise must be a finite number >= 0, got %s", noise);
    Checks.arg(labels == GeneratedLabels.LINEAR || noise == 0, "--noise is the Gaussian noise of linear labels; "
        + "logistic labels are 1 with probability 1 / (1 + exp(-(w.x + b))), a draw that is their noise: leave "
        + "--noise out (or scale the coefficients: smaller weights, noisier classes)");
    Checks.arg(coefficients != null && coefficients.length == features,
        "--coefficients must give %d numbers (one per feature), got %d", features,
        coefficients == null ? 0 : coefficients.length);
    coefficients = coefficients.clone();
    for (int j = 0; j < coefficients.length; j++) {
      if (!Double.isFinite(coefficients[j])) { // the list is written only then: once per coefficient took minutes at 1e5
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "--coefficients must be finite numbers, got %s (coefficient %d)", coefficients[j], j + 1));
      }
    }
    Checks.arg(Double.isFinite(intercept), "--intercept must be a finite number, got %s", intercept);
    Checks.arg(format != null, "--format must be one of csv, parquet, libsvm");
    Checks.arg(partitions >= 0 && partitions <= rows,
        "--partitions must be between 1 and --rows (%d), or 0 for automatic, got %d", rows, partitions);
    Checks.arg(output != null && !output.isBlank(), "--output must name a directory");
  }

  /** The default true weights for {@code features} features: uniform in [-3, 3], two decimals, from the seed. */
  public static double[] defaultCoefficients(int features, long seed) {
    java.util.Random rnd = new java.util.Random(seed ^ 0x5EEDC0EFL);
    double[] w = new double[features];
    for (int j = 0; j < features; j++) {
      w[j] = Math.round((rnd.nextDouble() * 6 - 3) * 100) / 100.0;
    }
    return w;
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }
}
