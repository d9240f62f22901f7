package sparkdgd.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;
import sparkdgd.config.Checkpointing;

/**
 * What a training run says when Ctrl-C or a kill signal ends it: how far it got and whether {@code --resume} can
 * go on from a checkpoint (predict, evaluate and generate say that their output is left as it was). Without it the run's last words were Spark's own, from the SparkContext its shutdown
 * hook had stopped under the training ({@code error: IllegalStateException: SparkContext has been shutdown}).
 * A JVM shutdown hook prints the notice; the command, whose training then fails, stays silent
 * ({@link #shuttingDown}), and the JVM exits with the signal's code (130 for Ctrl-C, 143 for SIGTERM). After the
 * notice the hook also silences {@code System.err}, unless {@code --verbose}: Spark's thread pools, shut down under
 * work in flight, print a stack trace each ({@code RejectedExecutionException ... Shutting down}) through it.
 */
final class InterruptNotice implements AutoCloseable {
  /** The notice, given whether the outputs were being written. */
  private final Function<Boolean, String> message;
  private final PrintStream err;
  private final boolean verbose;
  private final Thread hook;
  private volatile boolean writing;

  private InterruptNotice(Function<Boolean, String> message, PrintStream err, boolean verbose) {
    this.message = message;
    this.err = err;
    this.verbose = verbose;
    this.hook = new Thread(this::print, "spark-dgd interrupt notice");
  }

  /** Prints the notice if the JVM is stopped by a signal before {@link #close}. */
  static InterruptNotice forTraining(ConsoleProgress progress, Checkpointing checkpointing, PrintStream err,
      boolean verbose) {
    InterruptNotice notice = new InterruptNotice(writing -> message(progress.lastEpoch(), progress.newestCheckpoint(),
        checkpointing, writing), err, verbose);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  /**
   * The notice of a command that writes {@code output} only at its end (predict, evaluate, generate): it is left as
   * it was, and the hidden staging copy {@code leftover} names (e.g. {@code .scored.staging-*}) may remain beside it.
   */
  static InterruptNotice forCommand(String leftover, PrintStream err, boolean verbose) {
    InterruptNotice notice = new InterruptNotice(writing -> "interrupted before the command finished: --output is "
        + "left as it was (a hidden " + leftover + " beside it may remain: delete it)", err, verbose);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  /** Training is over; the outputs are being written. */
  void writing() {
    writing = true;
  }

  private void print() {
    err.println(message.apply(writing));
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
