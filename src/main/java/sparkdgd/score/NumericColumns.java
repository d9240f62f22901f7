package sparkdgd.score;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import sparkdgd.data.CsvRowParser;
import sparkdgd.data.DecimalParser;
import sparkdgd.data.InputError;

/**
 * Reads named numeric columns out of rows as doubles: numeric types directly, text (CSV) by parsing.
 * The names are matched against the schema once, on the driver; a missing column or one that cannot
 * hold numbers is an {@link InputError} before any task runs. In a task, a null, a non-number or a
 * non-finite value fails with the file, the line (of text input), the column and the value.
 */
public final class NumericColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final int[] index;
  private final boolean[] text;
  /** Where the row's file is; the byte offset of its line follows. */
  private final int fileIndex;

  private NumericColumns(String[] names, int[] index, boolean[] text, int fileIndex) {
    this.names = names;
    this.index = index;
    this.text = text;
    this.fileIndex = fileIndex;
  }

  /**
   * @param input the data, with its hidden file and offset columns last
   * @param names the columns to read, in this order
   * @param role  what the columns are for ("the model's feature", "the label"), for messages
   */
  public static NumericColumns resolve(ScoringInput input, List<String> names, String role) {
    StructType schema = input.rows().schema();
    List<String> columns = input.columns();
    int[] index = new int[names.size()];
    boolean[] text = new boolean[names.size()];
    for (int j = 0; j < index.length; j++) {
      String name = names.get(j);
      int i = columns.indexOf(name);
      if (i < 0) {
        throw InputError.of(input.data(), String.format(
            "%s column \"%s\" is not in the data, whose columns are %s; the model needs %s",
            role, name, input.describeColumns(), names));
      }
      DataType type = schema.fields()[i].dataType();
      if (!(type instanceof NumericType) && !(type instanceof StringType)) {
        throw InputError.of(input.data(), String.format(
            "%s column \"%s\" has type %s, not numbers", role, name, type.simpleString()));
      }
      index[j] = i;
      text[j] = type instanceof StringType;
    }
    return new NumericColumns(names.toArray(new String[0]), index, text, input.fileColumnIndex());
  }

  public int size() {
    return index.length;
  }

  /** The input-column index of the {@code j}-th requested column. */
  public int index(int j) {
    return index[j];
  }

  /** Writes the requested columns of {@code row} into {@code into[0..size())}. */
  public void read(Row row, double[] into) {
    for (int j = 0; j < index.length; j++) {
      into[j] = value(row, j);
    }
  }

  /** The {@code j}-th requested column of {@code row}. */
  public double value(Row row, int j) {
    int i = index[j];
    if (row.isNullAt(i)) {
      throw problem(row, j, "is empty (null); fill it in or delete the row");
    }
    double v;
    if (text[j]) {
      // CSV text, already unquoted by the reader; quotes left inside it ("""5""") are stripped as the trainer's
      // parser strips them, and an empty quoted field ("") is empty to both
      String raw = CsvRowParser.unquote(row.getString(i).trim());
      if (raw.isEmpty()) {
        throw problem(row, j, "is empty; fill it in or delete the row");
      }
      try {
        v = DecimalParser.parse(raw);
      } catch (NumberFormatException e) {
        throw problem(row, j, "expected a number, found \"" + raw + "\" (fix or delete the row)");
      }
    } else {
      v = ((Number) row.get(i)).doubleValue();
    }
    if (!Double.isFinite(v)) {
      throw problem(row, j, "holds " + v + ", not a finite number (fix or delete the row)");
    }
    return v;
  }

  /** The {@code j}-th requested column of {@code row}, which must be a class label: 0 or 1. */
  public double label01(Row row, int j) {
    double v = value(row, j);
    if (v != 0 && v != 1) {
      throw problem(row, j, "holds " + v + ": a logistic model is evaluated on labels 0 and 1 (as it was trained); "
          + "map the classes to 0 and 1, or fix or delete the row");
    }
    return v;
  }

  private InputError problem(Row row, int j, String what) {
    String file = row.isNullAt(fileIndex) ? null : row.getString(fileIndex);
    long offset = row.getLong(fileIndex + 1);
    String problem = "column \"" + names[j] + "\" " + what;
    return offset < 0 ? InputError.of(file, problem) : InputError.atOffset(file, offset, 0, problem);
  }
}
