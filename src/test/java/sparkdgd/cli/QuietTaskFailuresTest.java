package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad cell found while {@code predict}'s write job runs is reported in one line, as training and
 * {@code evaluate} report theirs: with the logging {@code submit.sh} uses (conf/log4j2.properties),
 * nothing else reaches stderr, in particular not the write tasks' "Aborting task" stack traces.
 */
@Tag("spark")
class QuietTaskFailuresTest {

  @Test
  void aBadCellFoundWhileWritingLeavesOnlyTheOneLine(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b\n1,2\n3,oops\n");
    URI testConfig = QuietTaskFailuresTest.class.getResource("/log4j2-test.properties").toURI();
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CliRun run;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      useLogConfig(Path.of("conf/log4j2.properties").toUri());
      run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
          tmp.resolve("o").toString());
    } finally {
      System.setErr(stderr);
      useLogConfig(testConfig);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + data.toUri().toString().replace("file:///", "file:/") + ":3: column \"b\" expected "
        + "a number, found \"oops\" (fix or delete the row)", run.err().strip());
    assertFalse(logged.contains("ERROR") || logged.contains("\tat "), "stderr besides the error line:\n" + logged);
  }

  /**
   * Logs through {@code config} from now on, its console appender writing to the System.err of this moment
   * (log4j shares an open console stream between configurations, so the old one is dropped first).
   */
  private static void useLogConfig(URI config) {
    Configurator.reconfigure(new NullConfiguration());
    Configurator.reconfigure(config);
  }
}
