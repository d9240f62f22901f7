package sparkdgd.cli;

import java.util.List;

/**
 * A run that ended with a non-zero exit code, thrown from main where it may not exit ({@link ApplicationMasterDriver}):
 * its error lines and the code, which YARN's diagnostics print as {@code sparkdgd.cli.RunFailed: error: ... (exit
 * code 2)}. It has no stack trace: the message is all there is to say.
 */
final class RunFailed extends RuntimeException {
  private final int exitCode;

  RunFailed(int exitCode, List<String> errorLines) {
    super((errorLines.isEmpty() ? "the run failed" : String.join("\n", errorLines)) + " (exit code " + exitCode + ")",
        null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
