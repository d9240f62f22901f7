package sparkdgd.output;

import java.util.List;

/**
 * A fitted linear model in the data's original units: {@code label = sum coefficients[j] * feature_j + intercept}.
 */
public record LinearModel(List<String> featureNames, double[] coefficients, double intercept, String labelName) {
  public LinearModel {
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
