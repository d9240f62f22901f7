package sparkdgd.cli;

/** Process exit codes. */
public final class ExitCode {
  /** The run finished and wrote its outputs. */
  public static final int OK = 0;
  /** A failure while running: divergence, a lost cluster, an internal error. */
  public static final int FAILURE = 1;
  /** Bad usage or bad input data: a flag, a file, a record. */
  public static final int BAD_INPUT = 2;
  /** {@code train --fail-on-warning}: the run trained but warned, and wrote no outputs. */
  public static final int WARNED = 3;
  /**
   * Another run holds what this one needs (its --checkpoint-dir): try again later. The value is sysexits.h's
   * EX_TEMPFAIL, which schedulers and mail systems take for "retry".
   */
  public static final int BUSY = 75;

  /**
   * The --help words for the codes that the JVM and Spark give, which every command shares: 130 and 143 after Ctrl-C
   * (SIGINT) and SIGTERM, once the command has said how far it got ({@link InterruptNotice}); 52, Spark's own for a
   * task out of memory where Spark still ends the JVM for it, which {@link SparkSessions} keeps from happening in local
   * mode (the command's own error line and 1 instead) unless spark.executor.killOnFatalError.depth is set.
   */
  static final String HELP_JVM_AND_SPARK = "130, 143 stopped by Ctrl-C (SIGINT) or SIGTERM; 52 Spark ended the JVM "
      + "for a task out of memory (in local mode only with spark.executor.killOnFatalError.depth set above 0).";

  private ExitCode() {}
}
