package sparkdgd.score;

import scala.Tuple2;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import sparkdgd.config.LabelClasses;
import sparkdgd.data.InputError;
import sparkdgd.output.LinearModel;

/** Evaluates a model on labelled data in one distributed pass: per-partition sums, merged on the way up. */
public final class Evaluation {
  private Evaluation() {}

  /** The label column; when it is missing, the message says how to name another. */
  private static NumericColumns label(ScoringInput input, String labelCol) {
    return NumericColumns.resolve(input, List.of(labelCol), "the label",
        "; pass --label-col NAME to read the label from another column");
  }

  public static RegressionMetrics run(ScoringInput input, LinearModel model, String labelCol) {
    NumericColumns features = NumericColumns.features(input, model);
    NumericColumns label = label(input, labelCol);
    double[] w = model.coefficients();
    double b = model.intercept();
    JavaRDD<Row> rows = input.rows().javaRDD();
    JavaRDD<ErrorSums> perPartition = rows.mapPartitions(it -> {
      ErrorSums sums = new ErrorSums();
      double[] x = new double[w.length];
      while (it.hasNext()) {
        Row r = it.next();
        sums.add(label.value(r, 0), features.margin(r, w, b, x));
      }
      return List.of(sums).iterator();
    });
    ErrorSums total = perPartition.treeAggregate(new ErrorSums(), ErrorSums::merge, ErrorSums::merge, 2);
    if (total.rows() == 0) {
      throw InputError.of(input.data(), "the input has no data rows; check --data");
    }
    return total.metrics();
  }

  /** Log-loss (from every row's margin), accuracy and exact AUC (from every row's probability) of a logistic model. */
  public static ClassificationMetrics classification(ScoringInput input, LinearModel model, String labelCol) {
    NumericColumns features = NumericColumns.features(input, model);
    NumericColumns label = label(input, labelCol);
    double[] w = model.coefficients();
    double b = model.intercept();
    LabelClasses classes = model.classes();
    JavaRDD<Tuple2<Object, Object>> scored = input.rows().javaRDD().mapPartitions(it -> {
      double[] x = new double[w.length]; // once a partition: wide sparse rows are read by their non-zeros
      return new java.util.Iterator<Tuple2<Object, Object>>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Tuple2<Object, Object> next() {
          Row r = it.next();
          return new Tuple2<>(features.margin(r, w, b, x), label.classOf(r, 0, classes));
        }
      };
    });
    ClassificationMetrics m = ClassificationMetrics.of(scored);
    if (m.rows() == 0) {
      throw InputError.of(input.data(), "the input has no data rows; check --data");
    }
    return m;
  }
}
