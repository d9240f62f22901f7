package sparkdgd.cli;

import java.io.PrintStream;
import java.util.Locale;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.ProgressListener;

/** Progress lines in the tutorial's form, {@code Epoch 10: MSE = 0.0101235  (grad norm 1.3e-03, 4.2 s)}. */
final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final PrintStream err;
  private final int logEvery;
  private EpochRecord lastSeen;
  private int lastPrinted;

  ConsoleProgress(PrintStream out, PrintStream err, int logEvery) {
    this.out = out;
    this.err = err;
    this.logEvery = logEvery;
  }

  @Override
  public void dataReady(long rows, int partitions, int dims) {
    out.printf(Locale.ROOT, "Data: %,d rows x %d feature%s in %d partition%s, cached%n", rows, dims,
        dims == 1 ? "" : "s", partitions, partitions == 1 ? "" : "s");
  }

  @Override
  public void cacheStored(String storageLevel, long memoryBytes, long diskBytes) {
    out.printf(Locale.ROOT, "Cache (%s): %.1f MB in memory, %.1f MB on disk%n", storageLevel, memoryBytes / 1e6,
        diskBytes / 1e6);
  }

  @Override
  public void skippedRecords(long count, java.util.List<String> examples) {
    out.printf(Locale.ROOT, "Skipped %,d bad record%s (--on-bad-record skip)%s%n", count, count == 1 ? "" : "s",
        examples.size() < count ? "; the first " + examples.size() + ":" : ":");
    for (String e : examples) {
      out.println("  " + e);
    }
  }

  @Override
  public void learningRateEstimated(double largestEigenvalue, int passes, double learningRate) {
    out.printf(Locale.ROOT, "Learning rate: auto = 1/L = %.6g (L = %.6g, largest Hessian eigenvalue, "
        + "from %d power-iteration passes)%n", learningRate, largestEigenvalue, passes);
  }

  @Override
  public void initial(double mse) {
    out.printf(Locale.ROOT, "Epoch 0: MSE = %.8g  (parameters start at zero)%n", mse);
  }

  @Override
  public void resumed(int epoch, double mse) {
    out.printf(Locale.ROOT, "Resumed from the checkpoint after epoch %d: MSE = %.8g%n", epoch, mse);
  }

  @Override
  public void warning(String message) {
    err.println("warning: " + message);
  }

  @Override
  public void epoch(EpochRecord r) {
    lastSeen = r;
    if (r.epoch() == 1 || r.epoch() % logEvery == 0) {
      print(r);
    }
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
