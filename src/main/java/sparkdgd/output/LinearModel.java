package sparkdgd.output;

import java.util.List;
import sparkdgd.config.LabelClasses;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;

/**
 * A fitted linear model in the data's original units: {@code label = sum coefficients[j] * feature_j + intercept}
 * (for the logistic loss that sum is the log-odds of label 1).
 *
 * @param loss    the loss it was fitted with, which says how to read its output
 * @param classes a logistic model's labels of class 0 and 1 ({@code --classes}); 0 and 1 for the other losses
 * @param featuresColumn the vector or array column it was trained on, whose elements are {@code featureNames}
 *                (x1..xD); null when each feature was a column of its own
 * @param huberDelta a Huber model's {@code --huber-delta}, in label units, with which its metrics include the Huber
 *                loss; NaN for the other losses (and for a Huber model whose delta is not known)
 */
public record LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName,
    LossKind loss, LabelClasses classes, String featuresColumn, double huberDelta) {
  /** A least-squares model. */
  public LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName) {
    this(featureNames, coefficients, intercept, labelName, LossKind.SQUARED);
  }

  /** A model whose classes, if it has any, are labelled 0 and 1. */
  public LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName,
      LossKind loss) {
    this(featureNames, coefficients, intercept, labelName, loss, LabelClasses.ZERO_ONE);
  }

  /** A model trained on columns of their own, one a feature. */
  public LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName,
      LossKind loss, LabelClasses classes) {
    this(featureNames, coefficients, intercept, labelName, loss, classes, null, Double.NaN);
  }

  public LinearModel {
    if (loss == null || classes == null) {
      throw new IllegalArgumentException("The model's loss and classes must be given");
    }
    if (loss != LossKind.LOGISTIC && !classes.isDefault()) {
      throw new IllegalArgumentException("Only a logistic model has classes, not a " + loss + " one");
    }
    if (!Double.isNaN(huberDelta) && (loss != LossKind.HUBER || !LossSettings.isHuberDelta(huberDelta))) {
      throw new IllegalArgumentException("Only a Huber model has a Huber delta, a finite number > 0; got "
          + huberDelta + " for a " + loss + " model");
    }
    featureNames = List.copyOf(featureNames);
    coefficients = coefficients.clone();
    if (featureNames.size() != coefficients.length) {
      throw new IllegalArgumentException("Expecting " + featureNames.size() + " coefficients but got "
          + coefficients.length);
    }
  }

  public double coefficient(int j) {
    return coefficients[j];
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  public double predict(double[] features) {
    double s = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      s += coefficients[j] * features[j];
    }
    return s;
  }
}
