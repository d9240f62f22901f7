package sparkdgd.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkdgd.output.Counts;
import sparkdgd.output.LinearModel;
import sparkdgd.train.EpochRecord;

/** The training pictures, drawn with JFreeChart and encoded as PNG bytes (headless: no display needed). */
public final class Charts {
  public static final String LOSS_FILE = "loss.png";
  public static final String FIT_FILE = "fit.png";
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;
  private static final Color DATA = new Color(31, 119, 180);
  private static final Color LINE = new Color(214, 39, 40);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * {@code loss.png}: the training MSE (log-loss for logistic regression) after each epoch (epoch 0: the
   * starting parameters) on a log scale, and the validation one when there is a validation set. A value
   * of exactly 0 cannot be drawn on a log axis and is left out. {@code kept} is the record of the parameters
   * returned (null: the last one): after early stopping an earlier epoch's, whose figures the subtitle gives.
   */
  public static byte[] lossPng(double initialMse, List<EpochRecord> history, EpochRecord kept) {
    return png(lossChart(initialMse, history, kept));
  }

  /** The chart behind {@link #lossPng}, for tests to read its axes and titles. */
  static JFreeChart lossChart(double initialMse, List<EpochRecord> history, EpochRecord kept) {
    String metric = history.isEmpty() || history.get(0).train().values().containsKey("mse") ? "mse" : "logloss";
    String name = metric.equals("mse") ? "MSE" : "log-loss";
    XYSeries training = new XYSeries("training " + name);
    XYSeries validation = new XYSeries("validation " + name);
    boolean plain = !history.isEmpty() && history.get(0).train().values().get(metric) == history.get(0).objective();
    if (initialMse > 0 && (plain || history.isEmpty())) {
      training.add(0, initialMse);
    }
    for (EpochRecord r : history) {
      double t = r.train().get(metric);
      if (t > 0) {
        training.add(r.epoch(), t);
      }
      if (r.validation() != null && r.validation().get(metric) > 0) {
        validation.add(r.epoch(), r.validation().get(metric));
      }
    }
    NumberAxis epochs = new NumberAxis("epoch");
    epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // 1, 2, 5, 10, .. epochs: no 1.5
    ValueAxis loss = lossAxis(name, Math.min(minY(training), minY(validation)),
        Math.max(maxY(training), maxY(validation)));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, history.size() <= 60);
    renderer.setSeriesPaint(0, DATA);
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesPaint(1, LINE);
    renderer.setSeriesStroke(1, new BasicStroke(2f));
    XYSeriesCollection series = new XYSeriesCollection(training);
    if (validation.getItemCount() > 0) {
      series.addSeries(validation);
    }
    XYPlot plot = new XYPlot(series, epochs, loss, renderer);
    EpochRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
    String subtitle = kept != null && last != null && kept.epoch() != last.epoch()
        ? String.format(Locale.ROOT, "%s, kept epoch %d (best validation): %s %.6g",
            Counts.of(last == null ? 0 : last.epoch(), "epoch"), kept.epoch(), name, kept.train().get(metric))
        : String.format(Locale.ROOT, "%s, final %s %.6g", Counts.of(last == null ? 0 : last.epoch(), "epoch"), name,
            last == null ? initialMse : last.train().get(metric));
    JFreeChart chart = chart("Training loss", plot, subtitle);
    if (validation.getItemCount() == 0) {
      chart.removeLegend();
    }
    return chart;
  }

  /**
   * The loss axis for losses from {@code lo} to {@code hi}. A log scale shows a loss falling over orders of
   * magnitude; but over less than a factor of 2 it draws the curve almost as a linear scale would (no point
   * moves by more than 9% of the axis height: log2(x) - (x - 1) peaks at x = 1/ln 2), while its ticks sit at
   * powers 10^(k u), values with no short decimal (0.0105923, 0.0105928, ..). There a linear axis reads
   * better: its ticks are round numbers a 1, 2 or 5 step apart (0.0105920, 0.0105922, ..), and the label drops
   * "(log scale)". That axis spans at least 0.1% of the loss, so that a flat loss (the same value at every
   * epoch, or a single epoch) gets ticks about 5e-5 of it apart, labelled to the 6 digits of the subtitle, not
   * JFreeChart's default range of 1e-8 with 8 or more decimals; a smaller change is drawn as what it is, small.
   * Either way {@link TickLabels} gives each tick enough digits to tell it from its neighbours.
   */
  static ValueAxis lossAxis(String name, double lo, double hi) {
    // no points (every loss 0: lo is +infinity, hi -infinity) get the log axis's default range, and so do losses
    // whose thousandth is below the normal doubles, which a linear range cannot be built around
    if (lo > 0 && hi < 2 * lo && Double.isFinite(lo) && hi * 1e-3 >= Double.MIN_NORMAL) {
      NumberAxis linear = new NumberAxis(name);
      linear.setAutoRangeIncludesZero(false);
      linear.setAutoRangeMinimumSize(hi * 1e-3);
      linear.setNumberFormatOverride(TickLabels.linear(linear));
      return linear;
    }
    LogAxis log = new LogAxis(name + " (log scale)");
    log.setSmallestValue(Double.MIN_NORMAL);
    // JFreeChart widens a range narrower than 1e-8 to 1e-8 about its middle, below 0 for losses under 5e-9
    // (no ticks at all); here hi >= 2 lo, so the range is already at least lo wide
    log.setAutoRangeMinimumSize(Double.MIN_NORMAL);
    log.setNumberFormatOverride(TickLabels.log(log));
    return log;
  }

  /**
   * {@code fit.png}: one feature, the (sampled) data and the fitted line, as in the tutorial's figure;
   * several features, the labels against the predictions with the line {@code label = prediction}.
   */
  public static byte[] fitPng(FitSample sample, LinearModel model) {
    XYSeries points = new XYSeries("data", false, true);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < sample.size(); i++) {
      points.add(sample.x()[i], sample.y()[i]);
      lo = Math.min(lo, sample.x()[i]);
      hi = Math.max(hi, sample.x()[i]);
    }
    if (sample.size() == 0) {
      lo = 0;
      hi = 1;
    }
    String xLabel;
    String lineLabel;
    XYSeries line;
    if (sample.predicted()) {
      xLabel = "predicted " + model.labelName();
      lineLabel = "actual = predicted";
      line = new XYSeries(lineLabel);
      line.add(lo, lo);
      line.add(hi, hi);
    } else {
      xLabel = model.featureNames().get(0);
      lineLabel = String.format(Locale.ROOT, "fit: %s = %.4g %s %+.4g", model.labelName(), model.coefficient(0),
          xLabel, model.intercept());
      line = new XYSeries(lineLabel);
      line.add(lo, model.coefficient(0) * lo + model.intercept());
      line.add(hi, model.coefficient(0) * hi + model.intercept());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(points);
    data.addSeries(line);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, false);
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
    renderer.setSeriesPaint(0, new Color(DATA.getRed(), DATA.getGreen(), DATA.getBlue(), 140));
    renderer.setSeriesLinesVisible(1, true);
    renderer.setSeriesShapesVisible(1, false);
    renderer.setSeriesPaint(1, LINE);
    renderer.setSeriesStroke(1, new BasicStroke(2.5f));
    NumberAxis xAxis = new NumberAxis(xLabel);
    xAxis.setAutoRangeIncludesZero(false);
    NumberAxis yAxis = new NumberAxis((sample.predicted() ? "actual " : "") + model.labelName());
    yAxis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the line over the points
    String subtitle = sample.size() < sample.rows()
        ? String.format(Locale.ROOT, "%,d of %,d rows, sampled at random", sample.size(), sample.rows())
        : sample.rows() == 1 ? "the one row" : String.format(Locale.ROOT, "all %,d rows", sample.rows());
    return png(chart(sample.predicted() ? "Actual against predicted" : "Data and fitted line", plot, subtitle));
  }

  private static JFreeChart chart(String title, XYPlot plot, String subtitle) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(subtitle));
    return chart;
  }

  /** The series' smallest y, or +infinity when it has no points (where JFreeChart says NaN). */
  private static double minY(XYSeries s) {
    return s.getItemCount() == 0 ? Double.POSITIVE_INFINITY : s.getMinY();
  }

  /** The series' largest y, or -infinity when it has no points. */
  private static double maxY(XYSeries s) {
    return s.getItemCount() == 0 ? Double.NEGATIVE_INFINITY : s.getMaxY();
  }

  private static byte[] png(JFreeChart chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
