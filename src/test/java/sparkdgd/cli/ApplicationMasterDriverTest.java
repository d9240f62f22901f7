package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * In YARN's cluster deploy mode a failed run ends main with an exception carrying its error line, which YARN's
 * diagnostics take to the submitting console; System.exit there left only "Shutdown hook called before final status
 * was reported" (a user review of YARN). The application master sets spark.master and spark.submit.deployMode as
 * system properties before calling main: so does this test, around a flag picocli refuses before Spark starts.
 */
class ApplicationMasterDriverTest {
  @Test
  void aFailedRunInYarnsClusterModeThrowsItsErrorLineAndExitCodeAndStillPrintsIt() {
    String master = System.getProperty("spark.master");
    String mode = System.getProperty("spark.submit.deployMode");
    PrintStream stderr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setProperty("spark.master", "yarn");
      System.setProperty("spark.submit.deployMode", "cluster");
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertTrue(ApplicationMasterDriver.isThisProcess());
      RunFailed failed = assertThrows(RunFailed.class,
          () -> Main.main(new String[] {"--epochz", "3"}));
      assertEquals(ExitCode.BAD_INPUT, failed.exitCode());
      String line = "error: Unknown options: '--epochz', '3'; did you mean --epochs? (see --help)";
      assertEquals(line + " (exit code 2)", failed.getMessage());
      assertEquals(0, failed.getStackTrace().length, "YARN's diagnostics print the message alone");
      assertEquals(line + "\n", printed.toString(StandardCharsets.UTF_8), "still in the container's stderr");
    } finally {
      System.setErr(stderr);
      restore("spark.master", master);
      restore("spark.submit.deployMode", mode);
    }
    assertFalse(ApplicationMasterDriver.isThisProcess());
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
