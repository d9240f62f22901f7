package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Command-line runs for tests in other packages. */
public final class TestRuns {
  private TestRuns() {}

  /** Runs the command line in process and fails the test unless it exits 0; returns stdout. */
  public static String ok(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());
    return run.out();
  }

  /** {@code args} followed by {@code more}: one command line built on another. */
  public static String[] concat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  /** Runs the command line in process; returns {code, stdout, stderr}. */
  public static String[] run(String... args) {
    CliRun run = CliRun.of(args);
    return new String[] {String.valueOf(run.code()), run.out(), run.err()};
  }
}
