package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.LossKind;
import sparkdgd.config.OptimizerKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Logistic regression without a penalty, on 600 rows of two informative features and four rare ones: x3 is 1 in three
 * rows of class 1 only, x4 is -2 in two rows of class 0 only (one-sided both: each value has the sign of its row's
 * class), x5 is 1 in two rows of each class (not so), x6 is 0 or, in a second file, the label leaked as 2y - 1 into
 * the first 40 rows (one-sided too). The warning names the one-sided features before training; the weights it speaks
 * of are seen to grow with the epochs (the independent check of "no finite optimum"), x5's and the others' to settle;
 * a penalty makes it go.
 */
@Tag("spark")
class OneSidedFeaturesTest {

  private static Path data(Path dir, boolean leak) throws Exception {
    Random rnd = new Random(11);
    List<String> lines = new ArrayList<>(List.of("x1,x2,x3,x4,x5,x6,y"));
    int ones = 0;
    int zeros = 0;
    for (int i = 0; i < 600; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      int y = rnd.nextDouble() < 1 / (1 + Math.exp(-(a - b))) ? 1 : 0;
      double x3 = 0;
      double x4 = 0;
      double x5 = 0;
      double x6 = leak && i < 40 ? 2 * y - 1 : 0; // the label leaked, as 2y - 1, into rows of both classes
      if (y == 1 && ones < 5) {
        x3 = ones < 3 ? 1 : 0;
        x5 = ones >= 3 ? 1 : 0;
        ones++;
      } else if (y == 0 && zeros < 4) {
        x4 = zeros < 2 ? -2 : 0;
        x5 = zeros >= 2 ? 1 : 0;
        zeros++;
      }
      lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%d", a, b, x3, x4, x5, x6, y));
    }
    return Files.write(dir.resolve(leak ? "leak.csv" : "rare.csv"), lines);
  }

  private static List<String> doubts(Configs config) {
    List<String> said = new ArrayList<>();
    TrainingJob.run(SparkTestSession.get(), config.build(), new ProgressListener() {
      @Override
      public void doubt(String message) {
        said.add(message);
      }
    });
    return said;
  }

  private static double[] weights(Path csv, int epochs) {
    return TrainingJob.run(SparkTestSession.get(), Configs.data(csv).objective(LossKind.LOGISTIC, 0, 0)
        .optimizer(OptimizerKind.LBFGS).epochs(epochs).tol(0).partitions(2).build(), ProgressListener.NONE)
        .model().coefficients();
  }

  @Test
  void featuresOnOneSideOfTheClassesAreNamedAndTheirWeightsGrow(@TempDir Path tmp) throws Exception {
    Path csv = data(tmp, false);
    List<String> said = doubts(Configs.data(csv).objective(LossKind.LOGISTIC, 0, 0).epochs(5).partitions(2));
    assertEquals(List.of("x3, x4 (2 of the 6 features) each hold values whose signs all follow the rows' "
        + "classes (positive in class 1 and negative in class 0, or all the reverse; a rare feature in rows of one "
        + "class is such), so that moving such a weight one way only ever lowers the log-loss: without a penalty their "
        + "weights have no finite optimum and end wherever the run stops; add --reg-param (e.g. 1e-4) for a finite "
        + "model, or check them for a leak of the label"), said.stream().filter(w -> w.contains("signs all follow"))
        .toList());
    // a column that leaks the label into rows of both classes is named too
    List<String> leaked = doubts(Configs.data(data(tmp, true)).objective(LossKind.LOGISTIC, 0, 0).epochs(5)
        .partitions(2));
    assertTrue(leaked.stream().anyMatch(w -> w.startsWith("x3, x4, x6 (3 of the 6 features) each hold values whose "
        + "signs all follow")), leaked.toString());

    double[] shorter = weights(csv, 40);
    double[] longer = weights(csv, 160);
    assertTrue(longer[2] > shorter[2] + 1 && shorter[2] > 3, "x3 grows: " + shorter[2] + " then " + longer[2]);
    // -2 in class 0 rows: a positive weight pushes their margins down, towards class 0
    assertTrue(longer[3] > shorter[3] + 1 && shorter[3] > 1, "x4 grows: " + shorter[3] + " then " + longer[3]);
    for (int j : new int[] {0, 1, 4, 5}) {
      assertEquals(shorter[j], longer[j], 0.05, "x" + (j + 1) + " settles");
    }

    assertEquals(List.of(), doubts(Configs.data(csv).objective(LossKind.LOGISTIC, 1e-4, 0).epochs(5).partitions(2))
        .stream().filter(w -> w.contains("signs all follow")).toList(), "a penalty makes every optimum finite");
  }

  /**
   * With --weight-col, rows of weight 0 add nothing to the log-loss: x5, 1 in two rows of each class, is one-sided
   * once its class-0 rows weigh 0, and named with x3 and x4; its weight grows with the epochs as theirs do (the
   * independent check), where without weights it settles.
   */
  @Test
  void rowsOfWeightZeroDoNotMakeAFeatureTwoSided(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(data(tmp, false));
    List<String> weighted = new ArrayList<>(List.of(lines.get(0) + ",w"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      boolean x5InClass0 = f[4].equals("1.0") && f[6].equals("0");
      weighted.add(line + (x5InClass0 ? ",0" : ",1"));
    }
    Path csv = Files.write(tmp.resolve("weighted.csv"), weighted);
    List<String> said = doubts(Configs.data(csv).weights("w").objective(LossKind.LOGISTIC, 0, 0).epochs(5)
        .partitions(2));
    assertTrue(said.stream().anyMatch(w -> w.startsWith("x3, x4, x5 (3 of the 6 features) each hold values whose "
        + "signs all follow")), said.toString());
    double[] shorter = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).weights("w")
        .objective(LossKind.LOGISTIC, 0, 0).optimizer(OptimizerKind.LBFGS).epochs(40).tol(0).partitions(2).build(),
        ProgressListener.NONE).model().coefficients();
    double[] longer = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).weights("w")
        .objective(LossKind.LOGISTIC, 0, 0).optimizer(OptimizerKind.LBFGS).epochs(160).tol(0).partitions(2).build(),
        ProgressListener.NONE).model().coefficients();
    assertTrue(longer[4] > shorter[4] + 1 && shorter[4] > 3, "x5 grows: " + shorter[4] + " then " + longer[4]);
  }

  /**
   * The pass's bits give both answers: one-sided is one bit and not the other, present is any of the three (what the
   * absent-features count of sparse logistic runs takes from this pass instead of a pass of its own).
   */
  @Test
  void oneSidedIsOneBitAndPresentIsEither() {
    java.util.BitSet favours = java.util.BitSet.valueOf(new long[] {0b0101}); // features 0 and 2
    java.util.BitSet against = java.util.BitSet.valueOf(new long[] {0b0110}); // features 1 and 2
    OneSidedFeatures sides = new OneSidedFeatures(favours, against, 4);
    assertEquals(java.util.BitSet.valueOf(new long[] {0b0011}), sides.oneSided());
    assertEquals(java.util.BitSet.valueOf(new long[] {0b0111}), sides.present());
    // a value in a row of weight 0 makes its feature present, and neither one-sided nor two-sided
    OneSidedFeatures weighted = new OneSidedFeatures(favours, against, java.util.BitSet.valueOf(new long[] {0b1001}),
        4);
    assertEquals(java.util.BitSet.valueOf(new long[] {0b0011}), weighted.oneSided());
    assertEquals(java.util.BitSet.valueOf(new long[] {0b1111}), weighted.present());
  }
}
