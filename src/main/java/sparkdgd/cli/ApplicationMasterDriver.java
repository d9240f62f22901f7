package sparkdgd.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver when YARN runs it in cluster deploy mode, inside its application master, which calls {@code main} in a
 * thread: success returns normally, and a failure is thrown from {@code main} with its {@code error:} lines, never
 * {@code System.exit}. An exit before the master reports the final status leaves YARN only "Shutdown hook called
 * before final status was reported", which is all the submitting console showed (the error itself was in the
 * container's log); an exception's message is the application's diagnostics, which Spark's YARN client prints
 * ({@code Application diagnostics message: User class threw exception: sparkdgd.cli.RunFailed: error: ...}).
 */
final class ApplicationMasterDriver {
  private ApplicationMasterDriver() {}

  /** Whether this JVM is a YARN application master running the driver (it sets these before calling main). */
  static boolean isThisProcess() {
    return "yarn".equals(System.getProperty("spark.master"))
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  static void main(String[] args) {
    ErrorLines errors = new ErrorLines(System.err);
    int code;
    try (PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, System.out, err);
      err.flush();
    }
    System.out.flush();
    System.err.flush();
    if (code != ExitCode.OK) {
      throw new RunFailed(code, errors.lines());
    }
  }

  /** What the driver writes to its error stream, passed on, with the lines that start with "error: " kept. */
  static final class ErrorLines extends OutputStream {
    private final PrintStream to;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> errors = new ArrayList<>();

    ErrorLines(PrintStream to) {
      this.to = to;
    }

    @Override
    public synchronized void write(int b) {
      to.write(b);
      if (b == '\n') {
        keep();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() {
      to.flush();
    }

    private void keep() {
      String text = line.toString(StandardCharsets.UTF_8);
      if (text.startsWith("error: ")) {
        errors.add(text);
      }
      line.reset();
    }

    synchronized List<String> lines() {
      if (line.size() > 0) {
        keep();
      }
      return List.copyOf(errors);
    }
  }
}
