package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.TrainConfig;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Sparse features that hold no value in any row are counted apart from the parameters the rows must determine, and
 * told where they say the input was read wrong: x1 absent with --zero-based, most features absent (--num-features
 * far above the data's). The features present are counted here from the lines written.
 */
@Tag("spark")
class AbsentFeaturesTest {
  @TempDir
  Path dir;

  /** 300 rows over features 2..41 (one-based), each row 3 of them: index 1 never appears. */
  private Path oneBased() throws Exception {
    Random rnd = new Random(2);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int a = 2 + rnd.nextInt(13);
      int b = a + 1 + rnd.nextInt(13);
      int c = b + 1 + rnd.nextInt(13);
      text.append(rnd.nextGaussian()).append(' ').append(a).append(":1 ").append(b).append(":0.5 ").append(c)
          .append(":-2\n");
    }
    return Files.writeString(dir.resolve("one-based.libsvm"), text);
  }

  private List<String> warnings(Path data, int numFeatures, boolean zeroBased) {
    TrainConfig base = Configs.data(data).epochs(2).partitions(2).build();
    ReadOptions read = base.read();
    TrainConfig config = base.withRead(new ReadOptions(numFeatures, read.onBadRecord(), read.header(),
        read.delimiter(), read.precision(), zeroBased));
    List<String> said = new ArrayList<>();
    TrainingJob.run(SparkTestSession.get(), config, new ProgressListener() {
      @Override
      public void warning(String message) {
        said.add(message);
      }

      @Override
      public void doubt(String message) {
        said.add(DOUBT + message);
      }
    });
    return said;
  }

  /** Before a warning about the model or its data, which model.json lists and --fail-on-warning counts. */
  private static final String DOUBT = "(doubt) ";

  @Test
  void aOneBasedFileReadZeroBasedIsToldItsFirstFeatureHoldsNothing() throws Exception {
    List<String> said = warnings(oneBased(), 0, true);
    assertEquals(List.of(DOUBT + "x1 (index 0) holds no value in any training row: with --zero-based, index 0 is the "
        + "first feature; if the file's indices start at 1, leave out --zero-based"), said.stream()
        .filter(w -> w.contains("holds no value")).toList());
    assertEquals(List.of(), warnings(oneBased(), 0, false).stream().filter(w -> w.contains("no value")).toList(),
        "read one-based, x1 is index 1, which no row has either, but one of 41 features is no sign of a wrong base");
  }

  @Test
  void mostFeaturesHoldingNoValueAreToldAndNotCountedAsParameters() throws Exception {
    Path data = oneBased();
    int present;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (String line : Files.readAllLines(data)) {
      String[] tokens = line.split(" ");
      for (int k = 1; k < tokens.length; k++) {
        seen.add(Integer.parseInt(tokens[k].substring(0, tokens[k].indexOf(':'))));
      }
    }
    present = seen.size();
    List<String> said = warnings(data, 5_000, false);
    assertEquals(List.of(String.format("%,d of the 5,000 features hold no value in any training row (x1, x%d, x%d, ...): "
        + "their weights stay 0; is --num-features larger than the data's?", 5_000 - present, firstAbsentAfter(seen, 1),
        firstAbsentAfter(seen, firstAbsentAfter(seen, 1)))), said.stream().filter(w -> w.contains("no value")).toList());
    assertEquals(List.of(), said.stream().filter(w -> w.contains("parameters")).toList(),
        "300 rows for " + (present + 1) + " parameters holding a value: no few-rows warning");
  }

  /**
   * Without --num-features the feature count is the largest index the data holds: the warning does not ask whether
   * that flag is larger than the data's (a review's file using indices 1 to 3 and 7 was asked).
   */
  @Test
  void withoutNumFeaturesTheWarningDoesNotQuestionTheFlag(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    Random rnd = new Random(3);
    for (int i = 0; i < 200; i++) {
      text.append(rnd.nextGaussian()).append(" 1:").append(rnd.nextGaussian()).append(" 10:")
          .append(rnd.nextGaussian()).append('\n');
    }
    Path data = Files.writeString(dir.resolve("wide-index.libsvm"), text);
    assertEquals(List.of("8 of the 10 features hold no value in any training row (x2, x3, x4, ...): their weights stay "
        + "0; the count is the largest index the data holds, so most indices below it are unused"),
        warnings(data, 0, false).stream().filter(w -> w.contains("no value")).toList());
  }

  /** The first index above {@code after} that no line holds. */
  private static int firstAbsentAfter(java.util.Set<Integer> seen, int after) {
    int j = after + 1;
    while (seen.contains(j)) {
      j++;
    }
    return j;
  }
}
