package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help says that ./submit.sh takes spark-submit's options before the command, with an example whose
 * lines are not wrapped, whose Spark options are ones submit.sh passes to spark-submit, and whose command parses; the
 * generate tutorial's example is not wrapped either (its "--partitions 1" stood alone at the left margin).
 */
class SubmitOptionsHelpTest {
  private static final PrintStream NOWHERE = new PrintStream(java.io.OutputStream.nullOutputStream());

  /** The lines of {@code args}' help. */
  private static List<String> help(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      assertEquals(0, Main.run(args, o, NOWHERE));
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void everyCommandsHelpShowsTheSparkOptionsWithAnExample() {
    Object[][] commands = {{"--help", SubmitOptionsHelp.TRAIN}, {"train --help", SubmitOptionsHelp.TRAIN},
        {"predict --help", SubmitOptionsHelp.PREDICT}, {"evaluate --help", SubmitOptionsHelp.EVALUATE},
        {"generate --help", SubmitOptionsHelp.GENERATE}};
    for (Object[] c : commands) {
      List<String> lines = help(((String) c[0]).split(" "));
      String joined = String.join(" ", lines).replaceAll("\\s+", " ");
      assertTrue(joined.contains(SubmitOptionsHelp.SENTENCE), c[0] + ":\n" + String.join("\n", lines));
      int at = lines.indexOf(SubmitOptionsHelp.OPTIONS);
      assertTrue(at >= 0, c[0] + ": the example's first line, whole:\n" + String.join("\n", lines));
      assertEquals(c[1], lines.get(at + 1), c[0] + ": the example's command line, whole");
    }
  }

  /** The example's Spark options are among those submit.sh hands to spark-submit (its takes_value list). */
  @Test
  void theExamplesSparkOptionsAreOnesSubmitShPassesOn() throws Exception {
    String script = Files.readString(Path.of("submit.sh"));
    String list = script.substring(script.indexOf("takes_value() {"), script.indexOf(") return 0 ;;",
        script.indexOf("takes_value() {")));
    List<String> words = Arrays.asList(SubmitOptionsHelp.OPTIONS.strip().split(" "));
    assertEquals(List.of("./submit.sh", "--master", "'local[4]'", "--driver-memory", "8g", "\\"), words);
    for (String flag : List.of("--master", "--driver-memory")) {
      assertTrue(list.matches("(?s).*[ |]" + flag + "\\|.*"), flag + " in " + list);
    }
  }

  /** Each example's command parses: its flags are the command's own, with values it takes. */
  @Test
  void theExampleCommandsParse() {
    Object[][] examples = {{SubmitOptionsHelp.TRAIN, new TrainCommand(NOWHERE, NOWHERE)},
        {SubmitOptionsHelp.PREDICT, new PredictCommand(NOWHERE, NOWHERE)},
        {SubmitOptionsHelp.EVALUATE, new EvaluateCommand(NOWHERE, NOWHERE)},
        {SubmitOptionsHelp.GENERATE, new GenerateCommand(NOWHERE, NOWHERE)}};
    for (Object[] e : examples) {
      String[] words = ((String) e[0]).strip().split(" ");
      Callable<?> command = (Callable<?>) e[1];
      String[] args = Arrays.copyOfRange(words, 1, words.length);
      assertEquals(args.length, new CommandLine(command).parseArgs(args).originalArgs().size(), e[0].toString());
    }
  }

  @Test
  void theGenerateTutorialExampleIsNotWrapped() {
    List<String> lines = help("generate", "--help");
    int at = lines.indexOf("    --partitions 1");
    assertTrue(at > 0, String.join("\n", lines));
    assertEquals("  generate --rows 1000 --features 1 --coefficients 2 --intercept 0 --noise 0.1 --seed 42 \\",
        lines.get(at - 1));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("--partitions")), String.join("\n", lines));
  }
}
