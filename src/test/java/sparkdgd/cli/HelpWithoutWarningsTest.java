package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every command's --help renders every description without a word from picocli on stderr: a description is a format
 * string, and a bare "%" (--max-bad-records' "0.5%") had printed "[picocli WARN] Could not format ..." three times
 * before every help, straight to System.err.
 */
class HelpWithoutWarningsTest {

  @Test
  void everyHelpIsRenderedWithoutWarnings() {
    for (String[] command : new String[][] {{"--help"}, {"train", "--help"}, {"predict", "--help"},
        {"evaluate", "--help"}, {"generate", "--help"}, {"benchmark", "--help"}, {"benchmark-loading", "--help"}}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
      PrintStream before = System.err;
      int code;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
           PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
           PrintStream s = new PrintStream(systemErr, true, StandardCharsets.UTF_8)) {
        System.setErr(s);
        code = Main.run(command, o, e);
      } finally {
        System.setErr(before);
      }
      String name = String.join(" ", command);
      assertEquals(0, code, name);
      assertEquals("", err.toString(StandardCharsets.UTF_8) + systemErr.toString(StandardCharsets.UTF_8), name);
      String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
      assertTrue(help.contains("Usage: "), name + ":\n" + help);
      if (!command[0].startsWith("benchmark") && !command[0].equals("generate")) {
        assertTrue(help.contains("share of the records read (0.5%);"), name + ":\n" + help);
      }
    }
  }
}
