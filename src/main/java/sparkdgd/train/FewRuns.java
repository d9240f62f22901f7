package sparkdgd.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.output.Counts;

/**
 * The warnings on how a mini-batch is drawn, before training: a batch that holds few runs (or rows) on average varies
 * much in size, and some batches are empty; and {@code --shuffle-rows} with rows drawn one by one only costs a shuffle.
 */
final class FewRuns {
  /** Fewer runs (or rows) than this in a mini-batch on average get a warning. */
  static final int FEW_RUNS = 10;

  private FewRuns() {}

  /** The warnings for {@code opt} over {@code rows} training rows; none for full batches. */
  static List<String> warnings(OptimizerSettings opt, long rows) {
    List<String> out = new ArrayList<>();
    if (opt.batchFraction() >= 1) {
      return out;
    }
    if (opt.batchRunRows() == 1 && opt.shuffleRows()) {
      out.add("--shuffle-rows with batches drawn row by row (--batch-run-rows 1) only cost a shuffle at load: "
          + "rows drawn one by one are random rows in any order; shuffled rows pay off in runs, e.g. --batch-run-rows "
          + "4096, which reads a batch at a full pass's speed");
    }
    if (opt.batchRunRows() == 1) {
      double batchRows = opt.batchFraction() * rows;
      if (batchRows < FEW_RUNS) {
        out.add(String.format(Locale.ROOT, "--batch-fraction %s draws about %.1f rows a batch from the %s, so batches "
            + "vary much in size and some are empty; use a --batch-fraction of %s or more", opt.batchFraction(),
            batchRows, Counts.of(rows, "row"), (double) FEW_RUNS / rows));
      }
      return out;
    }
    double allRuns = Math.ceil((double) rows / opt.batchRunRows());
    double runs = opt.batchFraction() * allRuns;
    if (runs < FEW_RUNS) {
      // a batch of F x rows rows holds FEW_RUNS runs of at most `fitting` rows; none fits below FEW_RUNS rows a batch
      long fitting = (long) Math.floor(opt.batchFraction() * rows / FEW_RUNS);
      double least = FEW_RUNS / allRuns;
      String fix = fitting > 1 ? String.format(Locale.ROOT, "use --batch-run-rows %d or less, or a larger "
          + "--batch-fraction", fitting)
          : fitting == 1 ? "draw the rows one by one (--batch-run-rows 1), or use a larger --batch-fraction"
          : least < 1 ? "use a --batch-fraction of " + BigDecimal.valueOf(least)
              .round(new MathContext(2, RoundingMode.UP)).stripTrailingZeros().toPlainString() + " or more"
          : "use shorter runs (--batch-run-rows) or full batches";
      out.add(String.format(Locale.ROOT, "--batch-run-rows %d with --batch-fraction %s draws about %.1f runs of rows "
          + "a batch from the %s, so batches vary much in size and some are empty; %s", opt.batchRunRows(),
          opt.batchFraction(), runs, Counts.of(rows, "row"), fix));
    }
    return out;
  }
}
