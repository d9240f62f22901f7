package sparkdgd.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import sparkdgd.config.Checkpointing;
import sparkdgd.output.HiddenSibling;
import sparkdgd.output.ObjectStoreMove;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a command says when Ctrl-C (SIGINT) or SIGTERM ends it: a training run how far it got and whether
 * {@code --resume} can go on from a checkpoint (with {@code --checkpoint-dir}, the newest epoch's state is written
 * first if its epoch was not due, so no epoch is lost); predict, evaluate and generate that their output is left as
 * it was.
 * Without it the last words were Spark's own, from the SparkContext its shutdown hook had stopped under the work
 * ({@code error: IllegalStateException: SparkContext has been shutdown}).
 *
 * <p>A handler for the two signals notes that one came and passes it on to the JVM's own, which exits with 130 or
 * 143 after running the shutdown hooks; one of them prints the notice, and the command, whose work then fails, stays
 * silent ({@link #signalled}). Any other exit (Spark's code 52 where it still ends the JVM for a task out of memory:
 * see {@link SparkSessions}) prints no notice and hides nothing. Before the notice the hook silences
 * {@code System.err} and Spark's logging, unless {@code --verbose}: Spark's thread pools and scheduler, shut down
 * under work in flight, print a stack trace each ({@code RejectedExecutionException}). Once the notice is out, the
 * outputs are not started ({@link #writing}).
 */
final class InterruptNotice implements AutoCloseable {
  /**
   * The notice's place among Hadoop's shutdown hooks, which run one after another, higher first: before Spark's
   * (40), which stops the SparkContext under the work, and the file-system cache's (10), which closes the file
   * systems a last checkpoint is written to. A JVM shutdown hook of its own would run beside them, not before.
   */
  static final int HOOK_PRIORITY = 50;
  /** How long the notice (and the last checkpoint it writes) may hold up the shutdown before Hadoop goes on. */
  static final int HOOK_TIMEOUT_SECONDS = 30;

  private static volatile boolean signalled;
  private static boolean handling;

  /** The notice, given whether the outputs were being written. */
  private final Function<Boolean, String> message;
  private final PrintStream err;
  private final boolean verbose;
  private final Runnable hook;
  /** Whether the outputs are being written; whether the notice is out (then they must not start). Guarded by this. */
  private boolean writing;
  private boolean stopped;

  private InterruptNotice(Function<Boolean, String> message, PrintStream err, boolean verbose) {
    this.message = message;
    this.err = err;
    this.verbose = verbose;
    this.hook = () -> {
      if (signalled) {
        stop();
      }
    };
    handleSignals();
    ShutdownHookManager.get().addShutdownHook(hook, HOOK_PRIORITY, HOOK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** The training run's notice, from {@code progress}, which also stops its checkpoint saves when it is printed. */
  static InterruptNotice forTraining(ConsoleProgress progress, Checkpointing checkpointing, PrintStream err,
      boolean verbose) {
    return new InterruptNotice(writing -> message(progress.stop(!writing, epoch -> {
      // a line first, so that a write that hangs (HDFS retrying) does not leave the user with silence
      err.printf(Locale.ROOT, "stopping: writing the state after epoch %d to a checkpoint in %s%n", epoch,
          checkpointing.dir());
      err.flush();
    }), checkpointing, writing), err, verbose);
  }

  /**
   * The notice of a command that writes {@code output} only at its end (predict, evaluate, generate): it is left as
   * it was. Its hidden staging copy is deleted on the way out ({@code sparkdgd.output.HiddenSibling}, which names
   * one it could not delete).
   */
  static InterruptNotice forCommand(PrintStream err, boolean verbose) {
    return new InterruptNotice(writing -> "interrupted before the command finished: --output is " + outputLeft(),
        err, verbose);
  }

  /**
   * Training is over; the outputs are being written. Refused (IllegalStateException) once a signal has stopped the
   * run: the notice has said where to go on from, and outputs written after it would make that a lie.
   */
  synchronized void writing() {
    if (stopped) {
      throw new IllegalStateException("a signal stopped the run before its outputs were written");
    }
    writing = true;
  }

  /** A signal is ending the JVM: silences Spark's shutdown noise (unless --verbose) and prints the notice. */
  synchronized void stop() {
    if (!verbose) {
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
      Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.OFF);
    }
    stopped = true;
    err.println(message.apply(writing));
    err.flush();
  }

  /** The notice of a run {@code stopped} where it got, while writing the outputs or not. */
  static String message(ConsoleProgress.Stopped stopped, Checkpointing checkpointing, boolean writing) {
    int lastEpoch = stopped.lastEpoch();
    int newestCheckpoint = stopped.newestCheckpoint();
    String when = writing ? "after training, while writing --output, which is " + outputLeft()
        : lastEpoch == 0 ? "before the first epoch" : "after epoch " + lastEpoch;
    String next = stopped.writeFailure() == null ? ""
        : "its checkpoint could not be written on the way out (" + stopped.writeFailure() + "); ";
    if (newestCheckpoint > 0) {
      int lost = writing ? 0 : lastEpoch - newestCheckpoint; // epochs done after the state the checkpoint holds
      next += String.format(Locale.ROOT, "the newest checkpoint (epoch %d%s) is in %s: run the same command with "
          + "--resume to go on from it%s", newestCheckpoint, stopped.writtenNow() ? ", written on the way out" : "",
          checkpointing.dir(), lost <= 0 ? "" : lost == 1 ? " (epoch " + lastEpoch + " runs again)"
              : " (epochs " + (newestCheckpoint + 1) + "-" + lastEpoch + " run again)");
    } else if (checkpointing.resume() && lastEpoch == 0 && !writing) {
      // stopped while loading, before --resume read the directory: its checkpoints, if any, are as they were
      next += String.format(Locale.ROOT, "this run had not yet read %s, which is as it was: the same command goes on "
          + "from its newest checkpoint (or starts over if it holds none)", checkpointing.dir());
    } else if (checkpointing.enabled()) {
      next += String.format(Locale.ROOT, "no checkpoint yet (one every %d epochs, --checkpoint-every), so the "
          + "next run starts over", checkpointing.every());
    } else {
      next += "nothing was saved; a run with --checkpoint-dir DIR can be continued by --resume after an interruption";
    }
    return "interrupted " + when + ": " + next;
  }

  /**
   * What the signal leaves of --output ({@link HiddenSibling#settleForSignal}): as it was, unless its new files were
   * being put in place then, which the JVM's way out waits for (10 s at most), or were in place already.
   */
  private static String outputLeft() {
    return switch (HiddenSibling.settleForSignal()) {
      case BEING_PUT_IN_PLACE -> "being put in its place: whole if that ends on the way out, else as it was, or, "
          + "where files move in one by one (s3a://), marked " + ObjectStoreMove.MARK + " (then write it again)";
      case IN_PLACE -> "written whole";
      case LEFT_AS_THEY_WERE -> "left as it was";
    };
  }

  /** Whether SIGINT or SIGTERM is ending the JVM: an error now is the work stopped under it, not a failure. */
  static boolean signalled() {
    return signalled;
  }

  /**
   * Notes SIGINT and SIGTERM before the JVM's own handlers act on them; once a JVM. A signal the JVM started with
   * ignored (SIGINT in a background job of a shell) stays ignored.
   */
  private static synchronized void handleSignals() {
    if (handling) {
      return;
    }
    handling = true;
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal signal = new Signal(name);
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(signal, s -> {
          signalled = true;
          previous[0].handle(s);
        });
        if (previous[0] == SignalHandler.SIG_IGN || previous[0] == SignalHandler.SIG_DFL) {
          Signal.handle(signal, previous[0]); // nothing of the JVM's to pass it on to: leave it as it was
        }
      } catch (IllegalArgumentException e) {
        // the JVM was started with -Xrs, or this platform has no such signal: no notice then
      }
    }
  }

  /** Removes the hook: the command ended on its own. */
  @Override
  public void close() {
    try {
      ShutdownHookManager.get().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or has run
    }
  }
}
