package sparkdgd.train;

/**
 * The model after one epoch (one gradient step).
 *
 * @param epoch        1-based epoch number
 * @param mse          MSE of the parameters after this epoch's step, over all rows
 * @param gradientNorm norm of the MSE gradient (internal parameters) at those parameters
 * @param seconds      wall time since training started
 */
public record EpochRecord(int epoch, double mse, double gradientNorm, double seconds) {}
