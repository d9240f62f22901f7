package sparkdgd.train;

/** Hears what the trainer does, on the driver. */
public interface ProgressListener {
  /** The data is cached and described. */
  default void dataReady(long rows, int partitions, int dims) {}

  /** The learning rate was estimated from the data. */
  default void learningRateEstimated(double largestEigenvalue, int passes, double learningRate) {}

  /** The MSE at the starting parameters (all zero). */
  default void initial(double mse) {}

  /** One epoch finished. */
  default void epoch(EpochRecord record) {}

  ProgressListener NONE = new ProgressListener() {};
}
