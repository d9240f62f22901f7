package sparkdgd.cli;

/** Process exit codes. */
public final class ExitCode {
  /** The run finished and wrote its outputs. */
  public static final int OK = 0;
  /** A failure while running: divergence, a lost cluster, an internal error. */
  public static final int FAILURE = 1;
  /** Bad usage or bad input data: a flag, a file, a record. */
  public static final int BAD_INPUT = 2;

  private ExitCode() {}
}
