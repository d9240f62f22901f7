package sparkdgd.data;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * What scoring does with a LIBSVM index beyond the model's features, or a vector or array column of more elements than
 * the model's features ({@code --unknown-features}): {@code fail} stops at the first, naming its file, line and column
 * (data and model that do not match); {@code ignore} scores the row without such values (a vector by its first
 * elements), their weights taken as 0, as a model trained on a vocabulary that has grown since would, and counts the
 * rows and values left out. Counted in Spark accumulators updated where the rows are parsed or scored, read once
 * after the one pass that scores them.
 */
public final class UnknownFeatures implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final UnknownFeatures FAIL = new UnknownFeatures(null, null);

  private final LongAccumulator rows;
  private final LongAccumulator values;

  private UnknownFeatures(LongAccumulator rows, LongAccumulator values) {
    this.rows = rows;
    this.values = values;
  }

  /** Stop at an index beyond the model's features (the default). */
  public static UnknownFeatures fail() {
    return FAIL;
  }

  /** Score rows without their values beyond the model's features, counting them. */
  public static UnknownFeatures ignore(JavaSparkContext jsc) {
    return new UnknownFeatures(jsc.sc().longAccumulator("rows with unknown features"),
        jsc.sc().longAccumulator("values of unknown features"));
  }

  /** Whether values beyond the model's features are left out rather than refused. */
  public boolean ignores() {
    return rows != null;
  }

  /** In a task: a row was scored without {@code count} values beyond the model's features. */
  public void leftOut(int count) {
    rows.add(1);
    values.add(count);
  }

  /** The rows scored without some of their values (0 under fail). */
  public long rows() {
    return ignores() ? rows.value() : 0;
  }

  /** {@link #rows} for a JSON record: null under fail, where the field is left out. */
  public Long counted() {
    return ignores() ? rows() : null;
  }

  /** "; 2 rows without unknown features", for predict's final line (--quiet prints it too); empty when none were. */
  public String suffix() {
    return rows() == 0 ? "" : String.format(Locale.ROOT, "; %,d row%s without unknown features", rows(),
        rows() == 1 ? "" : "s");
  }

  /** ", 2 of them without unknown features" after evaluate's count of rows; empty when none were. */
  public String ofThem() {
    return rows() == 0 ? "" : String.format(Locale.ROOT, ", %,d of them without unknown features", rows());
  }

  /**
   * The line telling how many rows were scored without values beyond the model's {@code modelFeatures} features;
   * empty when none were. Read zero-based because the model's data was ({@code zeroBasedUntold}), a one-based file's
   * last feature is such a value, so the line then gives the hint the refusal gives ({@link LibsvmRowParser}).
   */
  public Optional<String> said(int modelFeatures, boolean zeroBasedUntold) {
    if (rows() == 0) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%,d row%s scored without %,d value%s at feature indices beyond "
            + "the model's %,d features (--unknown-features ignore: their weights taken as 0)%s", rows(),
        rows() == 1 ? " was" : "s were", values.value(), values.value() == 1 ? "" : "s", modelFeatures,
        zeroBasedUntold ? String.format(Locale.ROOT, "; the data was read zero-based, as the model was trained "
            + "(indices 0 to %,d): if its indices start at 1, pass --no-zero-based", modelFeatures - 1L) : ""));
  }
}
