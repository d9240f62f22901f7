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
 */
public record RegressionMetrics(long rows, double mse, double rmse, double mae, double r2, double labelMean) {}
