package sparkdgd.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The penalty strengths a run chooses among ({@code --reg-param 1,0.1,0.01}, as a Spark ML {@code ParamGridBuilder}
 * over {@code regParam} in a {@code TrainValidationSplit}): one model is trained for each on the same cached training
 * rows, from the largest down (each from the same start), and the one with the lowest loss on the
 * held-out rows is chosen. {@link #NONE} when {@code --reg-param} gives one value.
 *
 * @param values the strengths, largest first, each finite and >= 0, no two equal; empty for {@link #NONE}
 */
public record RegParamGrid(List<Double> values) {
  /** One strength: no search. */
  public static final RegParamGrid NONE = new RegParamGrid(List.of());
  /** The validation fraction a search holds out when {@code --validation-fraction} is not given. */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.25;

  public RegParamGrid {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.reverseOrder());
    for (int k = 0; k < sorted.size(); k++) {
      double v = sorted.get(k);
      Checks.arg(v >= 0 && Double.isFinite(v), "--reg-param must be a finite number >= 0, got %s",
          Double.isFinite(v) ? plain(v) : v);
      Checks.arg(k == 0 || v != sorted.get(k - 1), "--reg-param names %s twice", plain(v));
    }
    values = List.copyOf(sorted);
  }

  /**
   * Parses {@code --reg-param}: one number, or several separated by commas ({@code 1,0.1,0.01}). One value gives a
   * grid of one, which {@link #searches()} not: the penalty itself.
   */
  public static RegParamGrid parse(String text) {
    List<Double> values = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      values.add(DecimalText.parse("--reg-param", part, String.format("--reg-param must be a number >= 0, or several "
          + "separated by commas to choose among (e.g. 1,0.1,0.01), got \"%s\"", text)));
    }
    return new RegParamGrid(values);
  }

  /** Whether there are several strengths to choose among. */
  public boolean searches() {
    return values.size() > 1;
  }

  public double smallest() {
    return values.get(values.size() - 1);
  }

  public double largest() {
    return values.get(0);
  }

  /** As given on the command line, largest first: {@code 1,0.1,0.01}. */
  @Override
  public String toString() {
    return values.stream().map(RegParamGrid::plain).collect(Collectors.joining(","));
  }

  /** {@code v} without trailing zeros or an exponent: 1, 0.1, 0.0001. */
  public static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
