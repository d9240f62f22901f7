package sparkdgd.output;

import java.nio.charset.StandardCharsets;
import java.util.List;
import sparkdgd.train.EpochRecord;

/** {@code history.csv}: one line per epoch, {@code epoch,mse,gradient_norm,seconds}. */
public final class HistoryCsv {
  public static final String FILE_NAME = "history.csv";
  public static final String HEADER = "epoch,mse,gradient_norm,seconds";

  private HistoryCsv() {}

  public static byte[] render(List<EpochRecord> history) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (EpochRecord r : history) {
      sb.append(r.epoch()).append(',').append(r.mse()).append(',').append(r.gradientNorm()).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.3f", r.seconds())).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
