package sparkdgd.data;

import java.util.Locale;

/**
 * The rows' weights a run can use ({@code --weight-col}): finite and at least 0, checked as each row is read so that
 * a bad one is named by its file, line and column. A weight of 0 is kept: the row is read and adds nothing.
 */
public final class WeightRule {
  private WeightRule() {}

  /**
   * Why {@code value} (written {@code text}), read from the weight column {@code column}, cannot weigh a row; null
   * when it can. Values that are not finite are refused by the readers before, as any column's.
   */
  public static String refusal(String column, String text, double value) {
    if (value < 0) {
      return String.format(Locale.ROOT, "weight column \"%s\": %s is negative; weights must be >= 0 (a row of "
          + "weight 0 adds nothing to training): fix or delete the row", column, text);
    }
    return null;
  }
}
