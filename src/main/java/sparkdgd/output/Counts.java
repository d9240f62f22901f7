package sparkdgd.output;

import java.util.Locale;

/** A count and its noun as the job prints and draws them: "1 epoch", "2 epochs", "1,000 rows". */
public final class Counts {
  private Counts() {}

  /** {@code n} (grouped by thousands) and {@code noun}, with an "s" unless {@code n} is 1. */
  public static String of(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
