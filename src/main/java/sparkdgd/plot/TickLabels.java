package sparkdgd.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;

/**
 * Tick labels that tell adjacent ticks apart however close they are. Each value is rounded half up to a power
 * of ten no larger than its gap to the next tick down; two ticks a gap {@code g} apart, rounded to steps of at
 * most {@code g}, round to different numbers, so no two ticks share a label, and each label is within half a
 * gap of its tick. Plain decimals (0.0106, 1.38, 12000), or in E notation below 1e-3 and from 1e5 on (2.50E-07);
 * always {@link Locale#ROOT}, as the titles.
 */
final class TickLabels extends NumberFormat {
  private static final long serialVersionUID = 1L;

  /** A tick's label from its value, reading the axis's tick unit when the label is made. */
  private final transient DoubleFunction<String> label;

  private TickLabels(DoubleFunction<String> label) {
    this.label = label;
  }

  /** For a linear axis: {@link #linear(double, double)} with the axis's tick unit. */
  static TickLabels linear(NumberAxis axis) {
    return new TickLabels(v -> linear(v, axis.getTickUnit().getSize()));
  }

  /** For a log axis: {@link #log(double, double)}, ticks a factor {@code base^unit} apart. */
  static TickLabels log(LogAxis axis) {
    return new TickLabels(v -> log(v, Math.pow(axis.getBase(), axis.getTickUnit().getSize())));
  }

  /**
   * A tick of a linear axis, ticks {@code unit} apart (a 1, 2 or 5 step, so the ticks are its multiples):
   * rounded to the power of ten at or below the unit, and with its trailing zeros, so that all labels have
   * as many decimals and line up (0.0105950, 0.0105952).
   */
  static String linear(double value, double unit) {
    if (!(unit > 0) || !Double.isFinite(unit) || value == 0 || !Double.isFinite(value)) {
      return log(value, 0);
    }
    return text(round(value, exponent(unit)), false);
  }

  /**
   * A tick of a log axis, ticks a factor {@code ratio} apart, so the one below {@code value} is
   * {@code value (1 - 1/ratio)} away: rounded to the power of ten at or below that gap, and to at least 3
   * significant digits (1.26, 0.794, 0.1); trailing zeros dropped (a ratio of 1 or less: 3 digits).
   */
  static String log(double value, double ratio) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    int step = exponent(Math.abs(value)) - 2;
    double gap = Math.abs(value) * (1 - 1 / ratio);
    if (gap > 0 && Double.isFinite(gap)) {
      step = Math.min(step, exponent(gap));
    }
    return text(round(value, step), true);
  }

  /** {@code value} (as Java prints it: 0.010595, not 0.0105949999..) rounded half up to a multiple of 10^step. */
  private static BigDecimal round(double value, int step) {
    return BigDecimal.valueOf(value).setScale(-step, RoundingMode.HALF_UP);
  }

  /** Plain, or in E notation with every digit rounding kept (1.00E-09) below 1e-3 and from 1e5 on. */
  private static String text(BigDecimal rounded, boolean dropTrailingZeros) {
    double a = Math.abs(rounded.doubleValue());
    if (a == 0 || a >= 1e-3 && a < 1e5) {
      return (dropTrailingZeros ? rounded.stripTrailingZeros() : rounded).toPlainString();
    }
    int digits = exponent(rounded.abs()) + rounded.scale() + 1; // down to the 10^step digit
    return String.format(Locale.ROOT, "%." + (digits - 1) + "E", rounded);
  }

  /**
   * {@code floor(log10(x))} for {@code x > 0}, of {@code x} as Java prints it: -6 for the unit 1e-6, which as a
   * double is 9.99..e-7, and no logarithm rounded up or down at a power of ten.
   */
  private static int exponent(double x) {
    return exponent(BigDecimal.valueOf(x));
  }

  private static int exponent(BigDecimal x) {
    return x.precision() - x.scale() - 1;
  }

  @Override
  public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
    return to.append(label.apply(v));
  }

  @Override
  public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
    return format((double) v, to, pos);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    throw new UnsupportedOperationException("tick labels are only written");
  }
}
