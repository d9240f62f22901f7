package sparkdgd.cli;

import java.io.PrintStream;
import java.util.Locale;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.ProgressListener;

/** Progress lines in the tutorial's form, {@code Epoch 10: MSE = 0.0101235  (grad norm 1.3e-03, 4.2 s)}. */
final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final int logEvery;
  private EpochRecord lastSeen;
  private double initialMse = Double.NaN;
  private int lastPrinted;

  ConsoleProgress(PrintStream out, int logEvery) {
    this.out = out;
    this.logEvery = logEvery;
  }

  @Override
  public void dataReady(long rows, int partitions, int dims) {
    out.printf(Locale.ROOT, "Data: %,d rows x %d feature%s in %d partition%s, cached%n", rows, dims,
        dims == 1 ? "" : "s", partitions, partitions == 1 ? "" : "s");
  }

  @Override
  public void learningRateEstimated(double largestEigenvalue, int passes, double learningRate) {
    out.printf(Locale.ROOT, "Learning rate: auto = 1/L = %.6g (L = %.6g, largest Hessian eigenvalue, "
        + "from %d power-iteration passes)%n", learningRate, largestEigenvalue, passes);
  }

  @Override
  public void initial(double mse) {
    initialMse = mse;
    out.printf(Locale.ROOT, "Epoch 0: MSE = %.8g  (parameters start at zero)%n", mse);
  }

  @Override
  public void epoch(EpochRecord r) {
    lastSeen = r;
    if (r.epoch() == 1 || r.epoch() % logEvery == 0) {
      print(r);
    }
  }

  /** The MSE at the starting parameters, NaN before training started. */
  double initialMse() {
    return initialMse;
  }

  /** Prints the last epoch if its line has not been printed yet. */
  void finish() {
    if (lastSeen != null && lastPrinted != lastSeen.epoch()) {
      print(lastSeen);
    }
  }

  private void print(EpochRecord r) {
    out.printf(Locale.ROOT, "Epoch %d: MSE = %.8g  (grad norm %.2e, %.1f s)%n", r.epoch(), r.mse(),
        r.gradientNorm(), r.seconds());
    lastPrinted = r.epoch();
  }
}
