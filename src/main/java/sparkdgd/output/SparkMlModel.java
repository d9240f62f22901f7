package sparkdgd.output;

import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import sparkdgd.config.LossKind;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLWritable;

/**
 * {@code spark-model/}: the model in Spark ML's own format, so that
 * {@code LinearRegressionModel.load(dir + "/spark-model")} loads it in any Spark application. Its
 * features column is a vector in {@link LinearModel#featureNames()} order (for example from a
 * {@code VectorAssembler} over those columns); it predicts {@code coefficients . features + intercept}.
 */
public final class SparkMlModel {
  public static final String DIR_NAME = "spark-model";

  private SparkMlModel() {}

  /** The Spark ML model with exactly our coefficients and intercept. */
  public static LinearRegressionModel of(LinearModel m) {
    // The (uid, coefficients, intercept) constructor is private[ml] in Scala but public in bytecode;
    // it is the one Spark's own reader uses, so the saved model is the same as one Spark fitted.
    return new LinearRegressionModel(Identifiable.randomUID("linReg"), Vectors.dense(m.coefficients()),
        m.intercept());
  }

  /** The Spark ML classifier with exactly our coefficients and intercept (for the logistic loss). */
  public static LogisticRegressionModel logistic(LinearModel m) {
    return new LogisticRegressionModel(Identifiable.randomUID("logreg"), Vectors.dense(m.coefficients()),
        m.intercept());
  }

  /**
   * Writes the model with Spark ML's writer into {@code spark-model/} of the staging directory: a
   * {@code LogisticRegressionModel} for the logistic loss, else a {@code LinearRegressionModel}. Refuses, naming
   * {@code output} (the --output as typed), when its part files did not reach the driver ({@link PartFiles}).
   */
  public static OutputDirectory.StagedWriter writer(LinearModel m, boolean fitIntercept, String output) {
    MLWritable saved;
    if (m.loss() == LossKind.LOGISTIC) {
      LogisticRegressionModel model = logistic(m);
      saved = fitIntercept ? model : model.copy(withoutIntercept(model.fitIntercept()));
    } else {
      LinearRegressionModel model = of(m);
      saved = fitIntercept ? model : model.copy(withoutIntercept(model.fitIntercept()));
    }
    return (fs, staging) -> {
      Path dir = new Path(staging, DIR_NAME);
      saved.write().save(dir.toString());
      // Spark ML's writer fills two directories, each by a job of its own: the settings, then the coefficients
      PartFiles.require(fs, List.of(new Path(dir, "metadata"), new Path(dir, "data")), output, DIR_NAME + "/",
          ", or pass --no-spark-model");
    };
  }

  /** The setting that says, in the saved metadata, that the model was fitted without an intercept. */
  private static ParamMap withoutIntercept(Param<Object> fitIntercept) {
    return new ParamMap().put(fitIntercept, false);
  }
}
