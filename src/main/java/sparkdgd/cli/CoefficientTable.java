package sparkdgd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import sparkdgd.output.LinearModel;

/**
 * The coefficient table printed after training: every feature, in model order, up to {@link #ALL_UP_TO} of them;
 * above that the {@link #LARGEST} largest in magnitude, largest first, the intercept, and a line saying how many
 * there are and where all of them are (a LIBSVM run of 2 million features printed 2 million lines, 52 MB).
 */
final class CoefficientTable {
  /** Up to this many features, every coefficient is printed. */
  static final int ALL_UP_TO = 25;
  /** Above {@link #ALL_UP_TO}, this many are printed: the largest in magnitude. */
  static final int LARGEST = 20;

  private CoefficientTable() {}

  /**
   * The table's lines, without line ends.
   *
   * @param files where every coefficient is written ("model.json", or "model.json and spark-model/")
   */
  static List<String> lines(LinearModel m, String files) {
    List<String> names = m.featureNames();
    int d = names.size();
    int[] shown = d <= ALL_UP_TO ? IntStream.range(0, d).toArray() : largest(m.coefficients(), LARGEST);
    int width = "intercept".length();
    for (int j : shown) {
      width = Math.max(width, names.get(j).length());
    }
    String row = "  %-" + width + "s  % .10g";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", "feature", "coefficient"
        + (shown.length < d ? String.format(Locale.ROOT, " (the %d largest in magnitude of %,d, largest first)",
        shown.length, d) : "")));
    for (int j : shown) {
      lines.add(String.format(Locale.ROOT, row, names.get(j), m.coefficient(j)));
    }
    lines.add(String.format(Locale.ROOT, row, "intercept", m.intercept()));
    if (shown.length < d) {
      // an L1 penalty's exact zeros, or features that hold no value: how many are not zero says what the model uses
      long nonZero = java.util.Arrays.stream(m.coefficients()).filter(w -> w != 0).count();
      lines.add(String.format(Locale.ROOT, "  (%,d more coefficients not shown: all %,d are in %s%s)",
          d - shown.length, d, files, nonZero < d ? String.format(Locale.ROOT, "; %,d of them are not zero", nonZero)
              : ""));
    }
    return lines;
  }

  /**
   * The indices of the {@code k} coefficients largest in magnitude, largest first; of equal magnitudes the one
   * first in model order first. A NaN counts as the largest, so that a broken coefficient shows.
   */
  static int[] largest(double[] w, int k) {
    int n = Math.min(k, w.length);
    int[] top = new int[n];
    double[] size = new double[n];
    int filled = 0;
    for (int j = 0; j < w.length; j++) {
      double a = Double.isNaN(w[j]) ? Double.POSITIVE_INFINITY : Math.abs(w[j]);
      if (filled == n && a <= size[n - 1]) {
        continue;
      }
      int i = filled == n ? n - 1 : filled++;
      while (i > 0 && size[i - 1] < a) { // strictly: an equal one found earlier stays ahead
        size[i] = size[i - 1];
        top[i] = top[i - 1];
        i--;
      }
      size[i] = a;
      top[i] = j;
    }
    return top;
  }
}
