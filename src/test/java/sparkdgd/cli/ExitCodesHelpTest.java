package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command's --help names every exit code it can end with: its own 0, 1 and 2, the JVM's 130 and 143 after
 * Ctrl-C and SIGTERM, and Spark's 52 (train's left the last three out). Train's lists each code of the README's
 * table of exit codes.
 */
class ExitCodesHelpTest {
  /** The "Exit codes: ..." paragraph of {@code args}' help, its lines joined. */
  private static String exitCodes(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      assertEquals(0, Main.run(args, o, new PrintStream(java.io.OutputStream.nullOutputStream())));
    }
    String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    int at = help.indexOf("Exit codes: ");
    assertTrue(at >= 0, help);
    return help.substring(at).strip();
  }

  /** The codes of the README's table under "Errors and exit codes": "| 130, 143 | ..." gives 130 and 143. */
  private static List<String> readmeCodes() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int from = lines.indexOf("### Errors and exit codes");
    assertTrue(from >= 0, "README.md has no section \"Errors and exit codes\"");
    List<String> codes = new ArrayList<>();
    Pattern row = Pattern.compile("^\\| ([\\d, ]+) \\|");
    for (String line : lines.subList(from + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      Matcher m = row.matcher(line);
      if (m.find()) {
        for (String c : m.group(1).split(",")) {
          codes.add(c.strip());
        }
      }
    }
    return codes;
  }

  @Test
  void everyCommandNamesEveryCode() {
    for (String[] command : new String[][] {{"--help"}, {"predict", "--help"}, {"evaluate", "--help"},
        {"generate", "--help"}}) {
      String codes = exitCodes(command);
      for (String named : List.of("0 done", "1 failure while running", "2 bad flag",
          "130, 143 stopped by Ctrl-C (SIGINT) or SIGTERM", "52 Spark ended the JVM for a task out of memory")) {
        assertTrue(codes.contains(named), String.join(" ", command) + ": " + codes);
      }
    }
  }

  @Test
  void theTrainersHelpListsTheReadmesCodes() throws Exception {
    List<String> readme = readmeCodes();
    assertFalse(readme.isEmpty());
    String codes = exitCodes("--help");
    for (String code : readme) {
      assertTrue(Pattern.compile("[:;] (\\d+, )*" + code + "\\b").matcher(codes).find(), code + " in " + codes);
    }
  }
}
