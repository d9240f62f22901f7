package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkdgd.loss.Metrics;
import sparkdgd.train.EpochRecord;

/** Pass counts summed from mini-batch fractions, as the outputs write them. */
class PassesTest {

  /** The trainer's sum: {@code epochs} mini-batches of {@code fraction}, added one at a time. */
  private static double summed(double fraction, int epochs) {
    double passes = 0;
    for (int e = 0; e < epochs; e++) {
      passes += fraction;
    }
    return passes;
  }

  @Test
  void sumsOfFractionsRoundToTheirDecimalValue() {
    // the premise: in doubles, 10 x 0.05 and 20 x 0.05 miss 1/2 and 1
    assertNotEquals(0.5, summed(0.05, 10));
    assertNotEquals(1.0, summed(0.05, 20));
    // exact equality: k / 20 is the double nearest the decimal k x 0.05, which rounding must reach
    for (int k = 0; k <= 200; k++) {
      assertEquals(k / 20.0, Passes.rounded(summed(0.05, k)), 0.0, "after " + k + " batches of 0.05");
      assertEquals(k / 10.0, Passes.rounded(summed(0.1, k)), 0.0, "after " + k + " batches of 0.1");
    }
  }

  @Test
  void countsWithNineOrFewerDecimalsStayAsTheyAre() {
    for (double p : new double[] {0, 1, 21, 0.125, 0.123456789, 3.000000001, 1e6 + 0.5}) {
      assertEquals(p, Passes.rounded(p), 0.0, String.valueOf(p));
    }
    // the tenth decimal goes, to the nearest ninth
    assertEquals(0.000000001, Passes.rounded(0.0000000012), 0.0);
    assertEquals(0.000000002, Passes.rounded(0.0000000017), 0.0);
    assertEquals(Double.NaN, Passes.rounded(Double.NaN), 0.0);
  }

  @Test
  void historyCsvWritesTheRoundedCount() {
    List<EpochRecord> history = new ArrayList<>();
    for (int epoch = 1; epoch <= 20; epoch++) {
      history.add(new EpochRecord(epoch, summed(0.05, epoch), 0.25, 0.5, epoch,
          new Metrics(Map.of("mse", 0.25)), null));
    }
    String[] lines = new String(HistoryCsv.render(history), StandardCharsets.UTF_8).split("\n");
    assertEquals("10,0.5,0.25,0.5,10.000,0.25", lines[10]);
    assertEquals("20,1.0,0.25,0.5,20.000,0.25", lines[20]);
    assertEquals("3,0.15,0.25,0.5,3.000,0.25", lines[3]);
  }
}
