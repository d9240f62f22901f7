package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code --data} given twice is refused before anything runs (picocli's "should be specified only once", exit 2),
 * and the message says how to read several files: a directory or a glob, e.g. braces ({@code InputFilesTest}).
 */
class DataGivenTwiceTest {
  private static String[] refused(String... args) {
    CliRun run = CliRun.withoutSpark(args);
    return new String[] {Integer.toString(run.code()), run.err().strip(), run.out()};
  }

  @Test
  void trainPredictAndEvaluateSayToPassADirectoryOrAGlob() {
    String hint = ": one --data names all the input; pass a directory, or a glob such as --data 'dir/{a,b}.csv' "
        + "(quoted, so that the shell leaves the braces to Hadoop)";
    String[] train = refused("--data", "a.csv", "--data", "b.csv");
    assertEquals("2", train[0]);
    assertEquals("error: option '--data' (URI) should be specified only once" + hint + " (see --help)", train[1]);
    assertEquals("", train[2]);
    String[] predict = refused("predict", "--model", "m", "--output", "p", "--data", "a.csv", "--data", "b.csv");
    assertEquals("2", predict[0]);
    assertEquals("error: option '--data' (URI) should be specified only once" + hint + " (see predict --help)",
        predict[1]);
    String[] evaluate = refused("evaluate", "--model", "m", "--data", "a.csv", "--data", "b.csv");
    assertEquals("2", evaluate[0]);
    assertEquals("error: option '--data' (URI) should be specified only once" + hint + " (see evaluate --help)",
        evaluate[1]);
    // another flag given twice keeps picocli's message alone
    assertEquals("error: option '--output' (DIR) should be specified only once (see --help)",
        refused("--output", "a", "--output", "b")[1]);
  }
}
