package sparkdgd.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import sparkdgd.train.EpochRecord;

/** loss.png's axes as JFreeChart lays them out at the PNG's size: tick labels and the subtitle. */
class ChartsTest {

  /** A tick as drawn: where it is and what its label says. */
  private record Labelled(double value, String label) {}

  /** The chart drawn at {@link Charts#WIDTH} x {@link Charts#HEIGHT}, then the labelled (major) ticks of one axis. */
  private static List<Labelled> ticks(JFreeChart chart, boolean range) {
    BufferedImage image = new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      ChartRenderingInfo info = new ChartRenderingInfo();
      chart.draw(g2, new Rectangle2D.Double(0, 0, Charts.WIDTH, Charts.HEIGHT), info);
      XYPlot plot = chart.getXYPlot();
      ValueAxis axis = range ? plot.getRangeAxis() : plot.getDomainAxis();
      RectangleEdge edge = range ? plot.getRangeAxisEdge() : plot.getDomainAxisEdge();
      List<Labelled> out = new ArrayList<>();
      for (Object o : axis.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), edge)) {
        ValueTick t = (ValueTick) o;
        if (t.getTickType() == TickType.MAJOR) {
          out.add(new Labelled(t.getValue(), text(t)));
        }
      }
      return out;
    } finally {
      g2.dispose();
    }
  }

  private static String text(ValueTick t) {
    if (t instanceof LogTick log && log.getAttributedLabel() != null) {
      StringBuilder s = new StringBuilder();
      AttributedCharacterIterator it = log.getAttributedLabel().getIterator();
      for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
        s.append(c);
      }
      return s.toString();
    }
    return t.getText();
  }

  /** A run whose training MSE after epochs 0, 1, 2, .. is {@code mse[0]}, {@code mse[1]}, .. */
  private static JFreeChart run(double... mse) {
    return Charts.lossChart(mse[0], history(mse), null);
  }

  /**
   * The labels read back as numbers tell the ticks apart and in order: each label is nearer its own tick than
   * any other tick is (under half the gap to the nearest neighbour), so adjacent labels differ and increase.
   */
  private static void assertLabelsIdentifyTicks(List<Labelled> ticks, String what) {
    assertTrue(ticks.size() >= 2, what + ": at least 2 labelled ticks, got " + ticks);
    for (int i = 0; i < ticks.size(); i++) {
      double v = ticks.get(i).value();
      double gap = Double.POSITIVE_INFINITY;
      if (i > 0) {
        gap = Math.min(gap, v - ticks.get(i - 1).value());
      }
      if (i + 1 < ticks.size()) {
        gap = Math.min(gap, ticks.get(i + 1).value() - v);
      }
      double read;
      try {
        read = Double.parseDouble(ticks.get(i).label());
      } catch (NumberFormatException e) {
        throw new AssertionError(what + ": label \"" + ticks.get(i).label() + "\" is not a number; " + ticks);
      }
      assertTrue(Math.abs(read - v) < gap / 2, what + ": label \"" + ticks.get(i).label() + "\" of the tick at " + v
          + " is not within half the gap (" + gap + ") to the next tick; ticks " + ticks);
    }
  }

  @Test
  void aLossThatBarelyMovesGetsDistinctTickLabels() {
    // the case seen in loss.png: the MSE goes from 0.010600 to 0.010591 (a factor of 1.00085)
    List<Labelled> y = ticks(run(0.010600, 0.010596, 0.010593, 0.010592, 0.010591, 0.010591), true);
    assertTrue(y.size() >= 3, "a few ticks over the range: " + y);
    assertEquals(y.size(), y.stream().map(Labelled::label).distinct().count(), "labels pairwise distinct: " + y);
    assertLabelsIdentifyTicks(y, "MSE 0.010600 to 0.010591");
    for (Labelled t : y) { // ticks at the data, not beyond its range padded by the axis margins (10% each side)
      assertTrue(t.value() > 0.010591 - 2e-6 && t.value() < 0.010600 + 2e-6, "tick in the range: " + y);
    }
  }

  @Test
  void tickLabelsTellTicksApartOverAnyRange() {
    // from a flat loss (factor 1) to twelve decades, at sizes from 1e-9 to 2e7
    double[] factors = {1, 1 + 1e-7, 1.00001, 1.001, 1.05, 1.9, 2.1, 5, 100, 1e6, 1e12};
    double[] lows = {1e-9, 3.7e-5, 0.0106, 1, 3e4, 2e7};
    for (double lo : lows) {
      for (double f : factors) {
        double hi = lo * f;
        String what = "MSE from " + hi + " to " + lo;
        assertLabelsIdentifyTicks(ticks(run(hi, Math.sqrt(lo * hi), lo), true), what);
      }
    }
  }

  @Test
  void epochTicksAreDistinctWholeNumbers() {
    for (int epochs : new int[] {1, 2, 3, 5, 7, 12, 40, 999, 25_000}) {
      for (boolean withStart : new boolean[] {true, false}) {
        double[] mse = new double[epochs + 1];
        mse[0] = withStart ? 2.0 : 0; // 0: epoch 0 is not drawn
        for (int e = 1; e <= epochs; e++) {
          mse[e] = 1.0 / e;
        }
        String what = epochs + " epochs" + (withStart ? " and epoch 0" : "");
        List<Labelled> x = ticks(run(mse), false);
        List<Labelled> read = new ArrayList<>();
        for (Labelled t : x) {
          // the axis formats in the default locale: 25,000 (or 25.000, 25 000)
          String digits = t.label().replaceAll("[^0-9]", "");
          if (digits.isEmpty() || !t.label().matches("\\d{1,3}(\\D\\d{3})*")) {
            fail(what + ": epoch label \"" + t.label() + "\" is not a whole number; " + x);
          }
          assertEquals(t.value(), Long.parseLong(digits), 0, what + ": label at its tick");
          // the axis runs from 0 (epoch 0, drawn or not) to the last epoch and a margin of 5% beyond
          assertTrue(t.value() >= 0 && t.value() <= epochs * 1.05 + 1, what + ": tick near the epochs run: " + x);
          read.add(new Labelled(t.value(), digits));
        }
        assertLabelsIdentifyTicks(read, what);
      }
    }
  }

  private static String subtitle(JFreeChart chart) {
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title t = chart.getSubtitle(i);
      if (t instanceof TextTitle text) {
        return text.getText();
      }
    }
    throw new AssertionError("no text subtitle");
  }

  /**
   * A loss of exactly 0 everywhere (a perfect fit) leaves no point to draw on a log axis, and a loss of 4.9e-324
   * one whose thousandth is 0: the axis must still be drawn. Both threw, and loss.png and fit.png were left out.
   */
  @Test
  void aLossOfZeroOrOfTheSmallestDoubleIsStillDrawn() {
    for (double[] mse : new double[][] {{0, 0, 0}, {Double.MIN_VALUE, Double.MIN_VALUE}, {0}}) {
      assertTrue(Charts.lossPng(mse[0], history(mse), null).length > 0, java.util.Arrays.toString(mse));
    }
  }

  private static List<EpochRecord> history(double... mse) {
    List<EpochRecord> history = new ArrayList<>();
    for (int e = 1; e < mse.length; e++) {
      history.add(new EpochRecord(e, mse[e], 0, e));
    }
    return history;
  }

  @Test
  void theSubtitleCountsEpochsInTheSingularForOne() {
    assertEquals("1 epoch, final MSE 0.500000", subtitle(run(1.0, 0.5)));
    assertEquals("2 epochs, final MSE 0.250000", subtitle(run(1.0, 0.5, 0.25)));
  }

  /** Early stopping returns an earlier epoch's parameters: the subtitle gives that epoch's loss, not the last one. */
  @Test
  void theSubtitleGivesTheKeptEpochAfterEarlyStopping() {
    List<EpochRecord> history = history(1.0, 0.5, 0.25, 0.3, 0.4);
    assertEquals("4 epochs, kept epoch 2 (best validation): MSE 0.250000",
        subtitle(Charts.lossChart(1.0, history, history.get(1))));
    assertEquals("4 epochs, final MSE 0.400000", subtitle(Charts.lossChart(1.0, history, history.get(3))));
  }
}
