package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import sparkdgd.testing.SparkTestSession;

/** One in-process run of the command line on the shared test session: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    SparkTestSession.get();
    return withoutSpark(args);
  }

  /** As {@link #of}, without starting the shared test session: for runs refused before Spark starts. */
  static CliRun withoutSpark(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The stderr line of a run refused as bad input: exit code 2, one line and no stack trace, and nothing at
   * {@code output}.
   */
  String refusedInOneLine(Path output) {
    assertEquals(2, code, "stdout:\n" + out + "\nstderr:\n" + err);
    String line = err.strip();
    assertEquals(1, line.lines().count(), "one line on stderr, got:\n" + line);
    assertFalse(line.contains("\tat "), line);
    assertFalse(Files.exists(output), "no output after a failure");
    return line;
  }
}
