package sparkdgd.score;

/**
 * How well a model predicts a labelled data set.
 *
 * @param rows      rows evaluated
 * @param mse       mean squared error, {@code (1/n) sum (prediction - label)^2}
 * @param rmse      square root of the MSE, in the label's units
 * @param mae       mean absolute error
 * @param r2        coefficient of determination, {@code 1 - SSE/SST}; NaN when the labels are constant
 * @param labelMean mean of the labels
 * @param huber     a Huber model's mean Huber loss at its delta, {@code (1/n) sum huber(prediction - label)} (the loss
 *                  it was trained on, without the penalty); NaN for the other models
 * @param weight    the rows' total weight, which the means divide by ({@code --weight-col}); {@code rows} without
 */
public record RegressionMetrics(long rows, double mse, double rmse, double mae, double r2, double labelMean,
    double huber, double weight) {

  /** Metrics of rows that each weigh 1. */
  public RegressionMetrics(long rows, double mse, double rmse, double mae, double r2, double labelMean, double huber) {
    this(rows, mse, rmse, mae, r2, labelMean, huber, rows);
  }
}
