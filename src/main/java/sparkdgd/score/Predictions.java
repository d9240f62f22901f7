package sparkdgd.score;

import sparkdgd.config.LabelClasses;
import sparkdgd.loss.LogisticLoss;
import sparkdgd.config.LossKind;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import sparkdgd.config.InputFormat;
import sparkdgd.config.UsageError;
import sparkdgd.data.BadRecords;
import sparkdgd.data.InputError;
import sparkdgd.data.LibsvmRows;
import sparkdgd.output.LinearModel;

/**
 * Scores a DataFrame with a linear model, row by row inside the tasks (nothing is collected). The
 * result has every input column in order, the feature columns as the doubles the model used, and a
 * prediction column last: {@code coefficients . features + intercept}, summed in the order Spark ML's
 * {@code LinearRegressionModel} uses, so both give the same numbers.
 */
public final class Predictions {
  /**
   * The column a logistic model's scores add beside the predicted class: the probability of label 1. It is a
   * double, so it rounds to exactly 1 for margins above about 37 (and to 0 below about -745): a log-loss computed
   * from this column alone caps (or makes infinite) the loss of a confident wrong row. {@code evaluate} takes the
   * log-loss from the margin instead ({@link ClassificationMetrics#of(org.apache.spark.api.java.JavaRDD)}).
   */
  public static final String PROBABILITY_COL = "probability";

  private Predictions() {}

  /**
   * @param scored counts the rows scored (an accumulator: a retried task may count twice), or null
   * @param bad    what becomes of a row whose features cannot be read ({@code --on-bad-record}): under {@code fail}
   *               its error fails the job; under {@code skip} it is counted and left out of the result (not scored
   *               nor counted in {@code scored})
   */
  public static Dataset<Row> score(ScoringInput input, LinearModel model, String predictionCol,
      LongAccumulator scored, BadRecords bad) {
    List<String> columns = input.columns();
    // LIBSVM rows are written as their label and prediction: their features' vector, of the model's width, is not
    // a column CSV can hold, and the output's lines follow the input's
    int[] kept = java.util.stream.IntStream.range(0, columns.size())
        .filter(i -> input.format() != InputFormat.LIBSVM || !columns.get(i).equals(LibsvmRows.FEATURES)).toArray();
    List<String> written = java.util.Arrays.stream(kept).mapToObj(columns::get).toList();
    String clash = sameName(written, predictionCol);
    if (clash != null) {
      throw new UsageError(String.format("the data already has a column \"%s\"%s; choose another "
          + "--prediction-col", clash, clash.equals(predictionCol) ? "" : " (Spark's column names ignore case)"));
    }
    NumericColumns features = NumericColumns.features(input, model);
    StructField[] in = input.rows().schema().fields();
    Set<Integer> featureIndex = new HashSet<>();
    for (int j = 0; j < features.size() && !features.fromVector(); j++) {
      featureIndex.add(features.index(j)); // parsed to doubles in the output; a vector column stays as it is
    }
    boolean logistic = model.loss() == LossKind.LOGISTIC;
    if (logistic && predictionCol.equalsIgnoreCase(PROBABILITY_COL)) { // Spark's names ignore case
      throw new UsageError(String.format("--prediction-col %s is the column a logistic model's probabilities go "
          + "into, beside the predicted class%s; choose another --prediction-col", predictionCol,
          predictionCol.equals(PROBABILITY_COL) ? "" : " (\"" + PROBABILITY_COL + "\": Spark's names ignore case)"));
    }
    String probabilityClash = sameName(written, PROBABILITY_COL);
    if (logistic && probabilityClash != null) {
      throw new UsageError(String.format("the data already has a column \"%s\"%s, which a logistic model's "
          + "predictions add; rename it", probabilityClash,
          probabilityClash.equals(PROBABILITY_COL) ? "" : " (Spark's column names ignore case: \"" + PROBABILITY_COL
              + "\")"));
    }
    StructField[] out = new StructField[kept.length + (logistic ? 2 : 1)];
    for (int k = 0; k < kept.length; k++) {
      int i = kept[k];
      out[k] = featureIndex.contains(i)
          ? new StructField(in[i].name(), DataTypes.DoubleType, false, Metadata.empty())
          : in[i];
    }
    out[kept.length] = new StructField(predictionCol, DataTypes.DoubleType, false, Metadata.empty());
    if (logistic) {
      out[kept.length + 1] = new StructField(PROBABILITY_COL, DataTypes.DoubleType, false, Metadata.empty());
    }
    StructType schema = new StructType(out);
    return input.rows().flatMap(new Scorer(features, model.coefficients(), model.intercept(), kept, logistic,
        model.classes(), scored, bad),
        Encoders.row(schema));
  }

  /**
   * The column of {@code columns} that {@code name} would clash with: Spark's SQL names ignore case (unless {@code
   * spark.sql.caseSensitive}), and its Parquet writer refuses two columns that differ only in case, after the job;
   * null when none does.
   */
  private static String sameName(List<String> columns, String name) {
    return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** The dot product then the intercept, as Spark ML's {@code BLAS.dot(features, coefficients) + intercept}. */
  static double predict(double[] w, double intercept, double[] x) {
    double dot = 0;
    for (int j = 0; j < w.length; j++) {
      dot += x[j] * w[j];
    }
    return dot + intercept;
  }

  private static final class Scorer implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final NumericColumns features;
    private final double[] w;
    private final double intercept;
    /** The input columns written, in order. */
    private final int[] kept;
    private final LongAccumulator scored;
    private final BadRecords bad;
    private final boolean logistic;
    /** A logistic model's labels of class 0 and 1, the predicted class's values. */
    private final LabelClasses classes;
    /** The row's features where they are read whole (columns, a dense vector): made once a task. */
    private transient double[] x;

    Scorer(NumericColumns features, double[] w, double intercept, int[] kept, boolean logistic, LabelClasses classes,
        LongAccumulator scored, BadRecords bad) {
      this.logistic = logistic;
      this.classes = classes;
      this.features = features;
      this.w = w;
      this.intercept = intercept;
      this.kept = kept;
      this.scored = scored;
      this.bad = bad;
    }

    @Override
    public Iterator<Row> call(Row row) {
      if (x == null) {
        x = new double[w.length];
      }
      Object[] values = new Object[kept.length + (logistic ? 2 : 1)];
      int columns = kept.length;
      for (int k = 0; k < kept.length; k++) {
        values[k] = row.get(kept[k]);
      }
      double margin;
      try {
        // a logistic model's infinite margin is a certain class (probability 1 or 0); a linear model's, no prediction
        margin = logistic ? features.margin(row, w, intercept, x) : features.prediction(row, w, intercept, x);
        if (!features.fromVector()) {
          for (int j = 0; j < w.length; j++) {
            values[features.index(j)] = x[j]; // every input column is kept: the index is the output's
          }
        }
      } catch (InputError e) {
        bad.reject(e); // thrown under fail; under skip the row is counted and not written
        return Collections.emptyIterator();
      }
      features.rowTaken();
      if (logistic) {
        // as Spark ML's LogisticRegressionModel: class 1 when the probability exceeds 0.5
        double p = LogisticLoss.probability(margin);
        values[columns] = classes.label(p > 0.5 ? 1 : 0); // in the labels the model was trained on
        values[columns + 1] = p;
      } else {
        values[columns] = margin;
      }
      if (scored != null) {
        scored.add(1);
      }
      return Collections.singletonList(RowFactory.create(values)).iterator();
    }
  }
}
