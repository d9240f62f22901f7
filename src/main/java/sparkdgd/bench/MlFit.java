package sparkdgd.bench;

import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ml.regression.LinearRegression} with its defaults (no regularization, standardization on,
 * intercept) on the cached DataFrame ({@link CachedData#mlFrame}); only the solver is chosen.
 */
public final class MlFit {
  private MlFit() {}

  /** A whole fit with {@code solver} ("auto", the default, or "l-bfgs"); returns the model. */
  public static LinearRegressionModel fit(Dataset<Row> frame, String solver) {
    frame.sparkSession().sparkContext().setJobDescription("benchmark: ml LinearRegression (" + solver + ")");
    try {
      return new LinearRegression().setSolver(solver).fit(frame);
    } finally {
      frame.sparkSession().sparkContext().setJobDescription(null);
    }
  }
}
