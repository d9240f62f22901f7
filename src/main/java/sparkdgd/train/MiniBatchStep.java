package sparkdgd.train;

import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.loss.FeatureScaling;

/**
 * The automatic step for mini-batches: one over the curvature a batch's gradient can have, not the whole
 * objective's. With batches of b rows drawn from n without replacement (b-nice sampling), the expected smoothness of
 * the sampled objective is {@code L_b = n (b - 1) / (b (n - 1)) L + (n - b) / (b (n - 1)) L_max} (Gower et al., "SGD:
 * general analysis and improved rates", 2019); our sampler keeps each row with probability f, so a batch holds about
 * b = f n rows, not exactly b, and L_b at that b is an approximation (for small b the true bound is somewhat larger).
 * L is the whole objective's largest Hessian eigenvalue and
 * {@code L_max} the largest of single rows' ({@code 2 |z_i|^2} for the squared loss in the optimizer's
 * coordinates). {@code L_b} is L for whole batches and {@code L_max} for single rows. Where rows are alike (dense
 * standardized data) it is close to L; where a few rows are far out, as rare features of sparse data are once
 * standardized, the whole objective's 1/L made 0.1 batches diverge (a review's 400,000 LIBSVM rows of 1e6
 * features: MSE from 0.36 to 4.4e7 in 20 epochs).
 */
final class MiniBatchStep {
  private MiniBatchStep() {}

  /** The largest squared norm of a row in the optimizer's coordinates (intercept included), one pass. */
  static double largestRowNorm(JavaRDD<Block> blocks, FeatureScaling scaling) {
    double unlisted = scaling.unlistedNorm();
    return blocks.map(b -> scaling.largestRowNorm(b, unlisted)).fold(0.0, Math::max);
  }

  /**
   * {@code L_b} for batches of {@code draws} independent draws among {@code units} rows: {@code full} at a draw of
   * every row, {@code largestSingle} at one.
   */
  static double curvature(double full, double largestSingle, double units, double draws) {
    if (draws >= units || units <= 1) {
      return full;
    }
    double b = Math.max(1, draws);
    double single = Math.max(full, largestSingle);
    return units * (b - 1) / (b * (units - 1)) * full + (units - b) / (b * (units - 1)) * single;
  }
}
