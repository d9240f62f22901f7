package sparkdgd.score;

import scala.Product;
import scala.Tuple2;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import sparkdgd.config.LabelClasses;
import sparkdgd.data.BadRecords;
import sparkdgd.data.InputError;
import sparkdgd.data.NoRowsLeft;
import sparkdgd.output.LinearModel;

/**
 * Evaluates a model on labelled data in one distributed pass: per-partition sums, merged on the way up. A row whose
 * features or label cannot be read goes to {@link BadRecords}: under {@code --on-bad-record fail} its error fails the
 * job, under {@code skip} it is counted and left out of every metric.
 */
public final class Evaluation {
  private Evaluation() {}

  /** The label column; when it is missing, the message says how to name another. */
  private static NumericColumns label(ScoringInput input, String labelCol) {
    return NumericColumns.resolve(input, List.of(labelCol), "the label",
        "; pass --label-col NAME to read the label from another column");
  }

  /** The weight column, or null for none; when it is missing, the message says so. */
  private static NumericColumns weight(ScoringInput input, String weightCol) {
    return weightCol == null ? null : NumericColumns.resolve(input, List.of(weightCol), "the weight",
        "; pass --weight-col NAME with a column of the data, or none to weigh every row 1");
  }

  public static RegressionMetrics run(ScoringInput input, LinearModel model, String labelCol, BadRecords bad) {
    return run(input, model, labelCol, null, bad);
  }

  /** The metrics of rows weighed by {@code weightCol} ({@code --weight-col}; null: every row weighs 1). */
  public static RegressionMetrics run(ScoringInput input, LinearModel model, String labelCol, String weightCol,
      BadRecords bad) {
    NumericColumns features = NumericColumns.features(input, model);
    NumericColumns label = label(input, labelCol);
    NumericColumns weight = weight(input, weightCol);
    double[] w = model.coefficients();
    double b = model.intercept();
    double huberDelta = model.huberDelta();
    JavaRDD<Row> rows = input.rows().javaRDD();
    JavaRDD<ErrorSums> perPartition = rows.mapPartitions(it -> {
      ErrorSums sums = new ErrorSums(huberDelta);
      double[] x = new double[w.length];
      while (it.hasNext()) {
        Row r = it.next();
        double y;
        double prediction;
        double rowWeight = 1;
        try {
          y = label.value(r, 0); // the label first: a row bad in both is named by its label, as before
          prediction = features.prediction(r, w, b, x);
          if (weight != null) {
            rowWeight = weight.weight(r, 0, weight.value(r, 0));
          }
        } catch (InputError e) {
          bad.reject(e);
          continue;
        }
        features.rowTaken();
        sums.add(y, prediction, rowWeight);
      }
      return List.of(sums).iterator();
    });
    ErrorSums total = InPartitionOrder.merge(perPartition, new ErrorSums(), ErrorSums::merge);
    if (total.rows() == 0) {
      throw noRows(input, bad);
    }
    if (!(total.weight() > 0)) {
      throw zeroWeights(input, total.rows(), weightCol);
    }
    return total.metrics();
  }

  /** Log-loss (from every row's margin), accuracy and exact AUC (ranking the margins) of a logistic model. */
  public static ClassificationMetrics classification(ScoringInput input, LinearModel model, String labelCol,
      BadRecords bad) {
    return classification(input, model, labelCol, null, bad);
  }

  /** The metrics of rows weighed by {@code weightCol} ({@code --weight-col}; null: every row weighs 1). */
  public static ClassificationMetrics classification(ScoringInput input, LinearModel model, String labelCol,
      String weightCol, BadRecords bad) {
    NumericColumns features = NumericColumns.features(input, model);
    NumericColumns label = label(input, labelCol);
    NumericColumns weight = weight(input, weightCol);
    double[] w = model.coefficients();
    double b = model.intercept();
    LabelClasses classes = model.classes();
    JavaRDD<Product> scored = input.rows().javaRDD().mapPartitions(it -> {
      double[] x = new double[w.length]; // once a partition: wide sparse rows are read by their non-zeros
      return new Iterator<Product>() {
        /** The next good row's (margin, class), or (margin, class, weight); null until it is read. */
        private Product ahead;

        @Override
        public boolean hasNext() {
          while (ahead == null && it.hasNext()) {
            Row r = it.next();
            double margin;
            double y;
            double rowWeight = 1;
            try {
              margin = features.margin(r, w, b, x);
              y = label.value(r, 0);
              if (weight != null) {
                rowWeight = weight.weight(r, 0, weight.value(r, 0));
              }
            } catch (InputError e) {
              bad.reject(e);
              continue;
            }
            features.rowTaken();
            // a readable label outside the two classes stops the run whatever --on-bad-record, as in training
            // (LabelRule): classes coded otherwise would leave one class, or none
            double c = label.classOf(r, 0, classes, y);
            ahead = weight == null ? new Tuple2<>(margin, c) : new scala.Tuple3<>(margin, c, rowWeight);
          }
          return ahead != null;
        }

        @Override
        public Product next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Product t = ahead;
          ahead = null;
          return t;
        }
      };
    });
    ClassificationMetrics m = ClassificationMetrics.ofScored(scored);
    if (m.rows() == 0) {
      throw noRows(input, bad);
    }
    if (!(m.weight() > 0)) {
      throw zeroWeights(input, m.rows(), weightCol);
    }
    return m;
  }

  /** The error of rows whose weights add up to 0 (or do not add up to a number): their means are undefined. */
  private static InputError zeroWeights(ScoringInput input, long rows, String weightCol) {
    return InputError.of(input.data(), String.format(java.util.Locale.ROOT, "the weights of the %,d rows evaluated "
        + "(--weight-col \"%s\") add up to 0: the weighted metrics are undefined; check the column", rows,
        weightCol));
  }

  /** The error of an input without a row to evaluate: none in the data, or every one skipped. */
  private static InputError noRows(ScoringInput input, BadRecords bad) {
    return NoRowsLeft.error(input.data(), "to evaluate",
        bad.snapshot(input.rows().sparkSession().sparkContext().hadoopConfiguration()));
  }
}
