package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.LossKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * Collinear features are told with the combination that ties them, checked against the relation the rows were made
 * with; features that are only nearly collinear, or collinear in the sampled rows alone, are not told, nor with an L2
 * penalty (which chooses the split).
 */
@Tag("spark")
class CollinearColumnsTest {
  @TempDir
  Path dir;

  /** Rows of a, a2 = 2a, b, c = a + b - 1 (as {@code c}) and a label; {@code c} gets each row's index. */
  private Path data(int rows, DoubleUnaryOperator noiseOfC, String name) throws IOException {
    Random rnd = new Random(3);
    double[][] x = new double[rows][4];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      double a = rnd.nextGaussian();
      double b = 3 + 2 * rnd.nextGaussian();
      x[i] = new double[] {a, 2 * a, b, a + b - 1 + noiseOfC.applyAsDouble(i)};
      y[i] = a + 0.5 * b + 0.1 * rnd.nextGaussian();
    }
    return new Dataset(x, y, List.of("a", "a2", "b", "c")).writeCsv(dir.resolve(name));
  }

  private static List<String> warnings(Configs config) {
    List<String> said = new ArrayList<>();
    TrainingJob.run(SparkTestSession.get(), config.epochs(5).partitions(2).build(), new ProgressListener() {
      @Override
      public void warning(String message) {
        said.add(message);
      }
    });
    return said.stream().filter(w -> w.contains("linear combination")).toList();
  }

  @Test
  void theCombinationsAreToldAsTheRowsWereMade() throws IOException {
    Path file = data(600, i -> 0, "exact.csv");
    List<String> told = warnings(Configs.data(file));
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith("features are linear combinations of others over every row: a2 = 2 a; "
        + "c = a + b - 1. The data cannot tell these columns' weights apart"), told.get(0));
    // without an intercept a constant is not a column: c is free, a2 still tied to a
    List<String> origin = warnings(Configs.data(file).withoutIntercept());
    assertEquals(1, origin.size(), origin.toString());
    assertTrue(origin.get(0).startsWith("a feature is a linear combination of others over every row: a2 = 2 a. "),
        origin.get(0));
  }

  @Test
  void nearlyCollinearColumnsAreNotTold() throws IOException {
    Random rnd = new Random(9);
    Path file = data(600, i -> 1e-3 * rnd.nextGaussian(), "near.csv"); // c correlated 0.9999999 with a + b
    List<String> told = warnings(Configs.data(file).features("a", "b", "c"));
    assertEquals(List.of(), told);
  }

  /**
   * c is a + b - 1 in the first 20,000 rows, the whole sample of one partition, and not after them: the pass over
   * every row keeps it from being told.
   */
  @Test
  void aTieOfTheSampledRowsAloneIsNotTold() throws IOException {
    Path file = data(24_000, i -> i < 20_000 ? 0 : 1, "sampled.csv");
    List<String> said = new ArrayList<>();
    TrainingJob.run(SparkTestSession.get(), Configs.data(file).features("a", "b", "c").epochs(3).partitions(1)
        .build(), new ProgressListener() {
          @Override
          public void warning(String message) {
            said.add(message);
          }
        });
    assertEquals(List.of(), said.stream().filter(w -> w.contains("linear combination")).toList());
    List<String> whole = warnings(Configs.data(data(24_000, i -> 0, "whole.csv")).features("a", "b", "c"));
    assertEquals(1, whole.size(), "the same rows tied throughout are told: " + whole);
  }

  @Test
  void notWithAnL2PenaltyWhichChoosesTheSplit() throws IOException {
    Path file = data(600, i -> 0, "ridge.csv");
    assertEquals(List.of(), warnings(Configs.data(file).objective(LossKind.SQUARED, 0.1, 0)));
    List<String> lasso = warnings(Configs.data(file).objective(LossKind.SQUARED, 0.1, 1));
    assertEquals(1, lasso.size(), "an L1 penalty alone");
    assertTrue(lasso.get(0).endsWith("or give the penalty an L2 part (--elastic-net below 1) (an L2 penalty chooses "
        + "one split)"), "--reg-param is given already: " + lasso.get(0));
  }

  /**
   * Without an intercept, columns of large offsets and independent noise (1e8 + N(0,1), 5e7 + N(0,1)) are nearly
   * parallel as raw vectors, but each has a spread the other does not explain: not told (they were, as "w = 0.5 u").
   */
  @Test
  void withoutAnInterceptColumnsMustBeTiedBeyondTheirSpread() throws IOException {
    Random rnd = new Random(12);
    double[][] x = new double[500][3];
    double[] y = new double[500];
    for (int i = 0; i < 500; i++) {
      x[i] = new double[] {1e8 + rnd.nextGaussian(), 5e7 + rnd.nextGaussian(), rnd.nextGaussian()};
      y[i] = x[i][2] + 0.1 * rnd.nextGaussian();
    }
    Path file = new Dataset(x, y, List.of("u", "w", "z")).writeCsv(dir.resolve("offsets.csv"));
    assertEquals(List.of(), warnings(Configs.data(file).withoutIntercept()));
  }

  @Test
  void combinationsAreWrittenToNineDigits() {
    assertEquals("1.99999997", Trainer.readable(1.99999997, 9));
    assertEquals("2", Trainer.readable(2.0, 9));
    assertEquals("0.5", Trainer.readable(0.5, 9));
    assertEquals("1000000", Trainer.readable(1e6, 9));
    assertEquals("1e+10", Trainer.readable(1e10, 9));
  }
}
