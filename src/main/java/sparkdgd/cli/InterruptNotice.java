package sparkdgd.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import sparkdgd.config.Checkpointing;

/**
 * What a training run says when Ctrl-C or a kill signal ends it: how far it got and whether {@code --resume} can
 * go on from a checkpoint. Without it the run's last words were Spark's own, from the SparkContext its shutdown
 * hook had stopped under the training ({@code error: IllegalStateException: SparkContext has been shutdown}).
 * A JVM shutdown hook prints the notice; the command, whose training then fails, stays silent
 * ({@link #shuttingDown}), and the JVM exits with the signal's code (130 for Ctrl-C, 143 for SIGTERM). After the
 * notice the hook also silences {@code System.err}, unless {@code --verbose}: Spark's thread pools, shut down under
 * work in flight, print a stack trace each ({@code RejectedExecutionException ... Shutting down}) through it.
 */
final class InterruptNotice implements AutoCloseable {
  private final ConsoleProgress progress;
  private final Checkpointing checkpointing;
  private final PrintStream err;
  private final boolean verbose;
  private final Thread hook;
  private volatile boolean writing;

  private InterruptNotice(ConsoleProgress progress, Checkpointing checkpointing, PrintStream err, boolean verbose) {
    this.progress = progress;
    this.checkpointing = checkpointing;
    this.err = err;
    this.verbose = verbose;
    this.hook = new Thread(this::print, "spark-dgd interrupt notice");
  }

  /** Prints the notice if the JVM is stopped by a signal before {@link #close}. */
  static InterruptNotice install(ConsoleProgress progress, Checkpointing checkpointing, PrintStream err,
      boolean verbose) {
    InterruptNotice notice = new InterruptNotice(progress, checkpointing, err, verbose);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  /** Training is over; the outputs are being written. */
  void writing() {
    writing = true;
  }

  private void print() {
    err.println(message(progress.lastEpoch(), progress.newestCheckpoint(), checkpointing, writing));
    err.flush();
    if (!verbose) {
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }
  }

  /**
   * The notice after {@code lastEpoch} epochs (0: none yet), the newest checkpoint at {@code newestCheckpoint}
   * (0: none), while writing the outputs or not.
   */
  static String message(int lastEpoch, int newestCheckpoint, Checkpointing checkpointing, boolean writing) {
    String when = writing ? "after training, while writing --output, which is left as it was"
        : lastEpoch == 0 ? "before the first epoch" : "after epoch " + lastEpoch;
    String next;
    if (newestCheckpoint > 0) {
      next = String.format(Locale.ROOT, "the newest checkpoint (epoch %d) is in %s: run the same command with "
          + "--resume to go on from it", newestCheckpoint, checkpointing.dir());
    } else if (checkpointing.enabled()) {
      next = String.format(Locale.ROOT, "no checkpoint yet (one every %d epochs, --checkpoint-every), so the "
          + "next run starts over", checkpointing.every());
    } else {
      next = "nothing was saved; a run with --checkpoint-dir DIR can be continued by --resume after an interruption";
    }
    return "interrupted " + when + ": " + next;
  }

  /** Whether the JVM is shutting down: an error now is the training stopped under a signal, not a failure. */
  static boolean shuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Removes the hook: the run ended on its own. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or has run
    }
  }
}
