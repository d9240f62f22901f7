package sparkdgd.output;

import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLWritable;

/**
 * {@code spark-model/}: the model in Spark ML's own format, so that
 * {@code LinearRegressionModel.load(dir + "/spark-model")} (or {@code LogisticRegressionModel.load}) loads it in any
 * Spark application. Its features column is a vector in {@link LinearModel#featureNames()} order (for example from a
 * {@code VectorAssembler} over those columns); it predicts {@code coefficients . features + intercept}.
 *
 * <p>Its metadata records, as set params, the training settings that mean in Spark ML what they meant here ({@link
 * #params}): {@code labelCol}, {@code fitIntercept}, {@code standardization}, {@code loss} (linear models), and {@code
 * regParam} and {@code elasticNetParam} for the squared and logistic losses. The command passes the run's settings,
 * the same that {@code model.json} records. Left at Spark's defaults, because ours mean something else: a Huber
 * model's {@code epsilon} (Spark's is in units of a scale it fits with the coefficients, ours, {@code --huber-delta},
 * is a residual in label units), regParam and elasticNetParam (Spark's Huber penalty is {@code lambda/2 ||w||^2}, L2
 * only, without the label's standard deviation that ours shares with the squared loss), {@code maxIter} and {@code
 * tol} (our epochs and stopping rule are not those of Spark's L-BFGS), and {@code featuresCol} when the features were
 * columns. A model trained on a vector or array column (model.json's {@code featuresColumn}) records it as
 * {@code featuresCol}: Spark ML then reads that column, not a column "features" beside it (Spark ML reads vectors
 * only, so an array column is to be turned into one, e.g. by {@code array_to_vector}).
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
   * {@code LogisticRegressionModel} for the logistic loss, else a {@code LinearRegressionModel}, with the params of
   * {@link #params}. Refuses, naming {@code output} (the --output as typed), when its part files did not reach the
   * driver ({@link PartFiles}).
   *
   * @param objective   the run's loss settings (fitIntercept, regParam, elasticNet)
   * @param standardize the run's --standardize
   */
  public static OutputDirectory.StagedWriter writer(LinearModel m, LossSettings objective, boolean standardize,
      String output) {
    return writer(m, objective, standardize, output, null);
  }

  /** As the writer above, for a model trained on rows weighed by the column {@code weightCol} (Spark's weightCol). */
  public static OutputDirectory.StagedWriter writer(LinearModel m, LossSettings objective, boolean standardize,
      String output, String weightCol) {
    MLWritable saved = withParams(m, objective, standardize, weightCol);
    return (fs, staging) -> {
      Path dir = new Path(staging, DIR_NAME);
      saved.write().save(dir.toString());
      // Spark ML's writer fills two directories, each by a job of its own: the settings, then the coefficients
      PartFiles.require(fs, List.of(new Path(dir, "metadata"), new Path(dir, "data")), output, DIR_NAME + "/",
          ", or pass --no-spark-model");
    };
  }

  /** The Spark ML model of {@code m} with {@link #params} set. */
  static MLWritable withParams(LinearModel m, LossSettings objective, boolean standardize) {
    return withParams(m, objective, standardize, null);
  }

  /** {@link #withParams(LinearModel, LossSettings, boolean)} with Spark's {@code weightCol} when not null. */
  static MLWritable withParams(LinearModel m, LossSettings objective, boolean standardize, String weightCol) {
    if (m.loss() == LossKind.LOGISTIC) {
      LogisticRegressionModel model = logistic(m);
      return model.copy(params(model, m, objective, standardize, weightCol));
    }
    LinearRegressionModel model = of(m);
    return model.copy(params(model, m, objective, standardize, weightCol));
  }

  /**
   * The params of {@code model} (Spark ML's model of {@code m}) whose meaning is the training setting's:
   * {@code labelCol} (the label column trained on), {@code fitIntercept}, {@code standardization} and, for the squared
   * and logistic losses, {@code regParam} and {@code elasticNetParam} (the same settings give Spark ML's model:
   * {@code RegularizationVsSparkMlTest}); a linear model's {@code loss} ({@code squaredError} or {@code huber},
   * without an {@code epsilon}: see the class comment).
   */
  static ParamMap params(Params model, LinearModel m, LossSettings objective, boolean standardize) {
    return params(model, m, objective, standardize, null);
  }

  /** {@link #params(Params, LinearModel, LossSettings, boolean)} with {@code weightCol} when the rows had weights. */
  static ParamMap params(Params model, LinearModel m, LossSettings objective, boolean standardize, String weightCol) {
    ParamMap params = new ParamMap();
    put(params, model, "labelCol", m.labelName());
    if (weightCol != null) {
      put(params, model, "weightCol", weightCol);
    }
    if (m.featuresColumn() != null) {
      put(params, model, "featuresCol", m.featuresColumn());
    }
    put(params, model, "fitIntercept", objective.fitIntercept());
    put(params, model, "standardization", standardize);
    if (m.loss() != LossKind.LOGISTIC) {
      put(params, model, "loss", m.loss() == LossKind.HUBER ? "huber" : "squaredError");
    }
    if (m.loss() != LossKind.HUBER) {
      put(params, model, "regParam", objective.regParam());
      put(params, model, "elasticNetParam", objective.elasticNet());
    }
    return params;
  }

  private static void put(ParamMap params, Params model, String name, Object value) {
    params.put(model.getParam(name), value);
  }
}
