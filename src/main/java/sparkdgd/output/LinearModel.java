package sparkdgd.output;

import sparkdgd.config.LossKind;
import java.util.List;

/**
 * A fitted linear model in the data's original units: {@code label = sum coefficients[j] * feature_j + intercept}
 * (for the logistic loss that sum is the log-odds of label 1).
 *
 * @param loss the loss it was fitted with, which says how to read its output
 */
public record LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName,
    LossKind loss) {
  /** A least-squares model. */
  public LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName) {
    this(featureNames, coefficients, intercept, labelName, LossKind.SQUARED);
  }

  public LinearModel {
    if (loss == null) {
      throw new IllegalArgumentException("The model's loss must be given");
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
