package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.LossKind;
import sparkdgd.config.OptimizerKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Logistic regression on classes a feature separates (label 1 where x > 0, 0 where x < 0) has no finite optimum
 * without a penalty: the run says so, and does not with a penalty or with classes that overlap.
 */
@Tag("spark")
class SeparatedClassesTest {

  private static List<String> warnings(Path csv, double regParam) {
    return warnings(csv, regParam, OptimizerKind.LBFGS);
  }

  private static List<String> warnings(Path csv, double regParam, OptimizerKind optimizer) {
    return warnings(csv, regParam, 0, optimizer, 300);
  }

  private static List<String> warnings(Path csv, double regParam, double elasticNet, OptimizerKind optimizer,
      int epochs) {
    List<String> said = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void warning(String message) {
        said.add(message);
      }
    };
    TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(epochs).partitions(2)
        .objective(LossKind.LOGISTIC, regParam, elasticNet).optimizer(optimizer).build(), listener);
    return said;
  }

  /** x from -1 to 1 (0 left out), a second feature of noise; the label is whether x > 0, or its flip near 0. */
  private static Path line(Path tmp, boolean overlap) throws Exception {
    StringBuilder csv = new StringBuilder("x,z,y\n");
    for (int i = -100; i <= 100; i++) {
      if (i == 0) {
        continue;
      }
      double x = i / 100.0;
      boolean positive = x > 0;
      if (overlap && Math.abs(i) % 10 == 3) {
        positive = !positive; // a few rows on the wrong side: an optimum exists
      }
      csv.append(x).append(',').append(Math.sin(i)).append(',').append(positive ? 1 : 0).append('\n');
    }
    return Files.writeString(tmp.resolve(overlap ? "overlap.csv" : "separable.csv"), csv.toString());
  }

  private static final String SEPARATED = "every training row is classified correctly, so the features separate the "
      + "classes: without a penalty the log-loss has no minimum and the weights grow with every epoch; add --reg-param "
      + "(e.g. 0.01) for a finite model";

  @Test
  void separableClassesWithoutAPenaltyGetTheWarning(@TempDir Path tmp) throws Exception {
    assertTrue(warnings(line(tmp, false), 0).contains(SEPARATED));
  }

  @Test
  void aPenaltyOrOverlappingClassesGiveAFiniteModelAndNoWarning(@TempDir Path tmp) throws Exception {
    assertEquals(List.of(), warnings(line(tmp, false), 0.01).stream().filter(w -> w.contains("separated")).toList());
    assertEquals(List.of(), warnings(line(tmp, true), 0).stream().filter(w -> w.contains("separated")).toList());
  }

  /**
   * Features that tell nothing ((1,1), (1,0), (-1,1), (-1,0), each with both labels): the gradient at zero is exactly
   * zero, gradient descent stops there at log-loss log 2, and the classes are not separated (this warned).
   */
  @Test
  void aZeroGradientAtChanceIsNoSeparation(@TempDir Path tmp) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 10; i++) {
      for (String row : List.of("1,1", "1,0", "-1,1", "-1,0")) {
        csv.append(row).append(",0\n").append(row).append(",1\n");
      }
    }
    Path data = Files.writeString(tmp.resolve("chance.csv"), csv.toString());
    assertEquals(List.of(), warnings(data, 0, OptimizerKind.GD).stream().filter(w -> w.contains("separated")).toList());
  }

  /**
   * x from -1 to 1 without (-0.3, 0.3), the label whether x > 0: gd's 100 epochs end with every row classified
   * correctly but a log-loss far above zero (about 0.03), and --epochs stops a run still moving. The optimum is
   * infinite, so the warning is the separation's, not "may be far from the optimum; raise --epochs" (which it was).
   */
  private static Path gap(Path tmp) throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = -100; i <= 100; i++) {
      if (Math.abs(i) >= 30) {
        csv.append(i / 100.0).append(',').append(i > 0 ? 1 : 0).append('\n');
      }
    }
    return Files.writeString(tmp.resolve("gap.csv"), csv.toString());
  }

  @Test
  void gradientDescentStoppedByEpochsOnSeparatedClassesIsToldSoNotToRaiseEpochs(@TempDir Path tmp) throws Exception {
    List<String> said = warnings(gap(tmp), 0, 0, OptimizerKind.GD, 100);
    assertEquals(List.of(SEPARATED), said.stream().filter(w -> w.contains("separate") || w.contains("--epochs"))
        .toList());
  }

  /** An L1 penalty alone bounds the weights too (it grows without bound in every direction): no separation warning. */
  @Test
  void anL1PenaltyAloneGivesAFiniteModelAndNoWarning(@TempDir Path tmp) throws Exception {
    assertEquals(List.of(), warnings(gap(tmp), 0.01, 1, OptimizerKind.NESTEROV, 100).stream()
        .filter(w -> w.contains("separate")).toList());
  }
}
