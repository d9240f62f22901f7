package sparkdgd.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import scala.Tuple2;
import sparkdgd.output.Counts;

/**
 * MLlib's side: {@code GradientDescent.runMiniBatchSGD} with {@code LeastSquaresGradient},
 * {@code SimpleUpdater}, no regularization, {@code miniBatchFraction} 1 and convergence tolerance 0 (so it
 * runs every iteration asked for), from zero, on the cached {@code (label, [x, 1])} rows
 * ({@link CachedData#mllibRows}).
 */
public final class MllibDescent {
  private final JavaRDD<Tuple2<Object, Vector>> rows;
  private final int features;

  public MllibDescent(JavaRDD<Tuple2<Object, Vector>> rows, int features) {
    this.rows = rows;
    this.features = features;
  }

  /** {@code k} iterations with {@code stepSize} {@code s}; returns {@code [w_0..w_{d-1}, b]}. */
  public double[] descend(double s, int k) {
    rows.context().setJobDescription("benchmark: MLlib GradientDescent, " + Counts.of(k, "iteration"));
    try {
      Tuple2<Vector, double[]> r = GradientDescent.runMiniBatchSGD(rows.rdd(), new LeastSquaresGradient(),
          new SimpleUpdater(), s, k, 0.0, 1.0, Vectors.zeros(features + 1), 0.0);
      return r._1().toArray();
    } finally {
      rows.context().setJobDescription(null);
    }
  }
}
