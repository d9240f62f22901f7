package sparkdgd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkdgd.config.RegParamGrid;
import sparkdgd.train.RegParamSearch;

/**
 * The table printed after a {@code --reg-param} search: each value's validation and training loss, epochs and what
 * stopped it, the one chosen marked; columns aligned, under a line naming the loss and the rows.
 */
final class SearchTable {
  private SearchTable() {}

  /** The table's lines, without line ends; {@code loss} is how the loss is written ("MSE", "log-loss"). */
  static List<String> lines(RegParamSearch search, String loss) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"--reg-param", "validation " + loss, "training " + loss, "epochs", "stopped by", ""});
    for (int k = 0; k < search.models().size(); k++) {
      RegParamSearch.Model m = search.models().get(k);
      rows.add(m.diverged() != null ? new String[] {RegParamGrid.plain(m.regParam()), "-", "-", "-", "diverged", ""}
          : new String[] {RegParamGrid.plain(m.regParam()), String.format(Locale.ROOT, "%.8g", m.validationLoss()),
              String.format(Locale.ROOT, "%.8g", m.last().train().values().values().iterator().next()),
              Integer.toString(m.epochs()), m.stop().briefly(), k == search.chosen() ? "<- chosen" : ""});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        widths[c] = Math.max(widths[c], r[c].length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "--reg-param search: validation %s on %,d held-out rows, of models trained "
        + "on %,d:", loss, search.validationRows(), search.trainingRows()));
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int c = 0; c < r.length; c++) {
        line.append(' ').append(r[c]).append(" ".repeat(c == r.length - 1 ? 0 : widths[c] - r[c].length() + 2));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
