package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import sparkdgd.output.LinearModel;

/** The table after training: every coefficient up to 25 features, above that the 20 largest and where the rest are. */
class CoefficientTableTest {

  private static LinearModel model(double[] w, double intercept) {
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= w.length; j++) {
      names.add("x" + j);
    }
    return new LinearModel(names, w, intercept, "y");
  }

  @Test
  void upTo25FeaturesEveryCoefficientIsPrintedInModelOrder() {
    assertEquals(List.of(
        "  feature    coefficient",
        "  x1          2.022843126",
        "  x2         -0.5000000000",
        "  intercept  -0.01540848610"),
        CoefficientTable.lines(model(new double[] {2.022843126, -0.5}, -0.01540848610), "model.json"));
    double[] w = new double[25];
    for (int j = 0; j < 25; j++) {
      w[j] = j;
    }
    List<String> lines = CoefficientTable.lines(model(w, 1), "model.json");
    assertEquals(1 + 25 + 1, lines.size(), String.join("\n", lines));
    for (int j = 0; j < 25; j++) {
      assertEquals(String.format("  %-9s  % .10g", "x" + (j + 1), (double) j), lines.get(1 + j));
    }
  }

  @Test
  void above25FeaturesThe20LargestInMagnitudeLargestFirstThenTheInterceptAndWhereTheRestAre() {
    // 26 features: x_j has coefficient (-1)^j * j, so the largest in magnitude are x26, x25, ..., x7
    double[] w = new double[26];
    for (int j = 1; j <= 26; j++) {
      w[j - 1] = (j % 2 == 0 ? 1 : -1) * (double) j;
    }
    List<String> lines = CoefficientTable.lines(model(w, 0.25), "model.json and spark-model/");
    assertEquals(1 + 20 + 1 + 1, lines.size(), String.join("\n", lines));
    assertEquals("  feature    coefficient (the 20 largest in magnitude of 26, largest first)", lines.get(0));
    for (int i = 0; i < 20; i++) {
      int j = 26 - i;
      assertEquals(String.format("  %-9s  % .10g", "x" + j, (j % 2 == 0 ? 1 : -1) * (double) j), lines.get(1 + i));
    }
    assertEquals("  intercept   0.2500000000", lines.get(21));
    assertEquals("  (6 more coefficients not shown: all 26 are in model.json and spark-model/)", lines.get(22));
  }

  @Test
  void theLargestAgreeWithASortOfEveryIndexByMagnitude() {
    // random magnitudes with repeats (ties go to the earlier feature), and one NaN, which shows first
    Random random = new Random(7);
    double[] w = new double[5000];
    for (int j = 0; j < w.length; j++) {
      w[j] = (random.nextBoolean() ? 1 : -1) * random.nextInt(300);
    }
    w[4321] = Double.NaN;
    int[] bySort = IntStream.range(0, w.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(j -> Double.isNaN(w[j]) ? Double.POSITIVE_INFINITY
            : Math.abs(w[j])).reversed().thenComparing(j -> j))
        .limit(20).mapToInt(Integer::intValue).toArray();
    assertArrayEquals(bySort, CoefficientTable.largest(w, 20));
    assertArrayEquals(new int[] {1, 0, 2}, CoefficientTable.largest(new double[] {-1, 3, 0.5}, 20));
  }

  @Test
  void twoMillionFeaturesPrintTwentyThreeLines() {
    double[] w = new double[1_999_755];
    w[1_234_567] = -9;
    w[17] = 4;
    List<String> lines = CoefficientTable.lines(model(w, 0), "model.json");
    assertEquals(23, lines.size());
    assertEquals("  feature    coefficient (the 20 largest in magnitude of 1,999,755, largest first)", lines.get(0));
    assertEquals("  x1234568   -9.000000000", lines.get(1));
    assertEquals("  x18         4.000000000", lines.get(2));
    assertEquals("  (1,999,735 more coefficients not shown: all 1,999,755 are in model.json; 2 of them are not zero)",
        lines.get(22));
  }
}
