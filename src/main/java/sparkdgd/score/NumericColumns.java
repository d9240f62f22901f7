package sparkdgd.score;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import sparkdgd.config.InputFormat;
import sparkdgd.config.LabelClasses;
import sparkdgd.data.CsvRowParser;
import sparkdgd.data.DecimalParser;
import sparkdgd.data.FeatureVectors;
import sparkdgd.data.HiddenCharacter;
import sparkdgd.data.InputError;
import sparkdgd.data.SlotNames;
import sparkdgd.data.UnknownFeatures;
import sparkdgd.output.LinearModel;

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
  /** Where the row's file is; the byte offset of its line follows, or for Parquet its index in the file. */
  private final int fileIndex;
  /** Whether the column after the file holds a row's index in its file (Parquet), not a line's byte offset. */
  private final boolean rowIndexed;
  /** The name of the one vector column all the columns come from, element j the j-th; null when they are columns. */
  private final String vector;
  /** What a vector longer than the model's features does: refused, or its first elements used and counted. */
  private final UnknownFeatures unknown;
  /** The values beyond the model's features the last row's margin left out, counted once the row is taken. */
  private transient int leftOut;

  private NumericColumns(String[] names, int[] index, boolean[] text, ScoringInput input, String vector) {
    this.names = names;
    this.index = index;
    this.text = text;
    this.fileIndex = input.fileColumnIndex();
    this.rowIndexed = input.format() == InputFormat.PARQUET;
    this.vector = vector;
    this.unknown = input.unknown() != null ? input.unknown() : UnknownFeatures.fail();
  }

  /**
   * The {@code model}'s feature columns of {@code input}; when one is missing, the message ends with how to fix it
   * ({@link HeaderlessHint}).
   */
  public static NumericColumns features(ScoringInput input, LinearModel model) {
    return resolve(input, model.featureNames(), "the model's feature", HeaderlessHint.fix(input, model),
        model.featuresColumn());
  }

  /**
   * @param input the data, with its hidden file and offset columns last
   * @param names the columns to read, in this order
   * @param role  what the columns are for ("the model's feature", "the label"), for messages
   * @param fix   what ends the message about a missing column: how to fix it ("; pass --label-col NAME ...")
   */
  public static NumericColumns resolve(ScoringInput input, List<String> names, String role, String fix) {
    return resolve(input, names, role, fix, null);
  }

  /**
   * As {@link #resolve(ScoringInput, List, String, String)}, the columns x1..xD being the elements of the vector or
   * array column {@code trainedOn} when the input has it (a model's {@link LinearModel#featuresColumn()}; null for
   * none).
   */
  private static NumericColumns resolve(ScoringInput input, List<String> names, String role, String fix,
      String trainedOn) {
    StructType schema = input.rows().schema();
    List<String> columns = input.columns();
    int vectorColumn = vectorColumn(input, names, trainedOn);
    if (vectorColumn >= 0) {
      List<String> slots = SlotNames.recordedIn(schema.fields()[vectorColumn], names.size())
          .orElse(names);
      if (!slots.equals(names) && !names.equals(SlotNames.positional(names.size()))) { // both named, otherwise
        throw InputError.of(input.data(), String.format("the %s column \"%s\" names its elements %s where the "
            + "model's features are %s (model.json's featureNames): assemble the vector in the model's order",
            FeatureVectors.kind(schema.fields()[vectorColumn].dataType()), columns.get(vectorColumn),
            HeaderlessHint.abbreviatedList(slots), HeaderlessHint.abbreviatedList(names)));
      }
      int[] index = new int[names.size()];
      java.util.Arrays.fill(index, vectorColumn);
      return new NumericColumns(names.toArray(new String[0]), index, new boolean[names.size()], input,
          columns.get(vectorColumn));
    }
    int[] index = new int[names.size()];
    boolean[] text = new boolean[names.size()];
    for (int j = 0; j < index.length; j++) {
      String name = names.get(j);
      int i = columns.indexOf(name);
      if (i < 0) {
        throw InputError.of(input.data(), String.format(
            "%s column \"%s\" is not in the data, whose columns are %s%s", role, name, input.describeColumns(),
            fix));
      }
      DataType type = schema.fields()[i].dataType();
      if (!(type instanceof NumericType) && !(type instanceof StringType)) {
        throw InputError.of(input.data(), String.format(
            "%s column \"%s\" has type %s, not numbers", role, name, type.simpleString()));
      }
      index[j] = i;
      text[j] = type instanceof StringType;
    }
    return new NumericColumns(names.toArray(new String[0]), index, text, input, null);
  }

  /**
   * When {@code names} are x1..xD, the names the trainer gives a vector or array column's elements, or the model was
   * trained on such a column ({@code trainedOn}, whose slots may be named otherwise): the index of the
   * column {@code trainedOn} when the input has it and it holds features. Otherwise the input's one column of features
   * (a Spark ML vector, else an array of numbers: {@link FeatureVectors#unnamedCandidates}) when it has no column x1,
   * so that a model trained on such a column scores the data it was trained on: LIBSVM's vector, whatever the model's
   * column, and in Parquet only for models that do not name their column ({@code trainedOn} null: models before
   * 2026-12-06). -1 otherwise (the columns x1..xD are read, if there are any).
   */
  private static int vectorColumn(ScoringInput input, List<String> names, String trainedOn) {
    // a model trained on a vector column is its slots in order, whatever they are named (x1..xD, or as Spark ML
    // named them: SlotNames)
    if (trainedOn == null && !names.equals(SlotNames.positional(names.size()))) {
      return -1;
    }
    List<String> columns = input.columns();
    int named = trainedOn == null ? -1 : columns.indexOf(trainedOn);
    if (named >= 0 && FeatureVectors.holdsFeatures(input.rows().schema().fields()[named].dataType())) {
      return named; // an array beside a vector scored the vector before models named their column
    }
    if (trainedOn != null && input.format() == InputFormat.PARQUET || names.isEmpty()
        || columns.contains(names.get(0))) {
      return -1;
    }
    List<Integer> candidates = FeatureVectors.unnamedCandidates(input.rows().schema()); // as the trainer chose it
    return candidates.size() == 1 ? candidates.get(0) : -1;
  }

  /** Whether the columns are the elements of one vector column (which then stays as it is in the output). */
  public boolean fromVector() {
    return vector != null;
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
    if (vector != null) {
      readVector(row, vectorOf(row, 0, false), into);
      return;
    }
    for (int j = 0; j < index.length; j++) {
      into[j] = value(row, j);
    }
  }

  /**
   * {@code w . x + b} of the row's requested columns, summed as {@link Predictions#predict} sums them; from a sparse
   * vector its stored values only (the products of the others are zeros, which leave the sum as it is), so that a
   * row of wide data costs its non-zeros, not the model's width. {@code scratch} holds {@link #size()} doubles.
   */
  public double margin(Row row, double[] w, double b, double[] scratch) {
    double m = sum(row, w, b, scratch);
    if (Double.isNaN(m)) {
      throw rowProblem(row, "gives the model a margin of NaN: the products of its values and their coefficients "
          + "overflow a double both ways (a value near the largest double, such as 1.7e308 standing for a missing "
          + "one?); fix or delete the row");
    }
    return m;
  }

  /**
   * A linear model's prediction {@link #margin} for the row, which must be a finite number: an infinity would be
   * written as a prediction, and would make every metric of the data infinite.
   */
  public double prediction(Row row, double[] w, double b, double[] scratch) {
    double m = margin(row, w, b, scratch);
    if (Double.isInfinite(m)) {
      throw rowProblem(row, "gives the model a prediction of " + m + ": a product of a value and its coefficient, or "
          + "their sum, is beyond the largest double (a value near it, such as 1.7e308 standing for a missing one?); "
          + "fix or delete the row");
    }
    return m;
  }

  /** {@link #margin}'s sum, whatever it is. */
  private double sum(Row row, double[] w, double b, double[] scratch) {
    if (vector == null) {
      read(row, scratch);
      return Predictions.predict(w, b, scratch);
    }
    leftOut = 0;
    Vector v = vectorOf(row, 0, true); // once: an array column is copied into a vector
    if (v instanceof SparseVector s) {
      int[] at = s.indices();
      double[] values = s.values();
      double dot = 0;
      for (int k = 0; k < at.length; k++) {
        dot += finite(row, at[k], values[k]) * w[at[k]];
      }
      return dot + b;
    }
    readVector(row, v, scratch);
    return Predictions.predict(w, b, scratch);
  }

  /** The elements of the row's vector {@code v}: its stored values only when it is sparse. */
  private void readVector(Row row, Vector v, double[] into) {
    java.util.Arrays.fill(into, 0, names.length, 0.0);
    if (v instanceof SparseVector s) {
      int[] at = s.indices();
      double[] values = s.values();
      for (int k = 0; k < at.length; k++) {
        into[at[k]] = finite(row, at[k], values[k]);
      }
    } else {
      double[] values = ((DenseVector) v).values();
      for (int j = 0; j < names.length; j++) {
        into[j] = finite(row, j, values[j]);
      }
    }
  }

  /**
   * The row's features as a vector of the model's size: one longer is cut to its first elements under
   * {@code --unknown-features ignore}, the values left out kept for {@link #rowTaken} where {@code counts} (once a
   * row: the margin's call), else refused, as one of another size is.
   */
  private Vector vectorOf(Row row, int j, boolean counts) {
    if (row.isNullAt(index[j])) {
      throw nullAt(row, j);
    }
    Object value = row.get(index[j]);
    int size = FeatureVectors.size(value);
    boolean longer = size > names.length;
    if (longer && unknown.ignores()) {
      return firstElements(row, value, counts);
    }
    if (size != names.length) {
      String kind = FeatureVectors.kindOf(value);
      throw problem(row, j, "is element " + (j + 1) + " of " + FeatureVectors.withArticle(kind) + " of size "
          + size + ", but the model has " + names.length + " features: use a model trained on " + kind + "s of this "
          + "data's size (or, if only some rows differ, fix or delete them)" + (longer ? ", or pass "
          + "--unknown-features ignore to score the rows by their first " + names.length + " elements" : ""));
    }
    try {
      return FeatureVectors.of(value);
    } catch (FeatureVectors.NullElement e) {
      throw nullAt(row, e.index());
    }
  }

  /**
   * The first {@code names.length} elements of {@code value}, a vector or array longer than that
   * ({@link FeatureVectors#firstEntries}), the values beyond kept for {@link #rowTaken} to count when {@code counts}.
   * A null among the first elements is the row's problem, as ever; one beyond them is not read.
   */
  private Vector firstElements(Row row, Object value, boolean counts) {
    FeatureVectors.FirstEntries cut;
    try {
      cut = FeatureVectors.firstEntries(value, names.length);
    } catch (FeatureVectors.NullElement e) {
      throw nullAt(row, e.index());
    }
    if (counts) {
      leftOut = cut.valuesBeyond();
    }
    return cut.first();
  }

  /**
   * Counts the values beyond the model's features that the last row's {@link #margin} left out (a vector longer
   * than them, under {@code --unknown-features ignore}): called once the caller has taken the row, so that a row
   * skipped as bad after its margin (its label) is not counted.
   */
  public void rowTaken() {
    if (leftOut > 0) {
      unknown.leftOut(leftOut);
      leftOut = 0;
    }
  }

  private double finite(Row row, int j, double v) {
    if (!Double.isFinite(v)) {
      throw problem(row, j, "holds " + v + ", not a finite number (fix or delete the row)");
    }
    return v;
  }

  /** The {@code j}-th requested column of {@code row}. */
  public double value(Row row, int j) {
    if (vector != null) {
      return finite(row, j, vectorOf(row, j, false).apply(j));
    }
    int i = index[j];
    if (row.isNullAt(i)) {
      throw nullAt(row, j);
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
        if (DecimalParser.spellsNotFinite(raw)) {
          throw notFinite(row, j, raw);
        }
        String hint = HiddenCharacter.misread(raw);
        throw problem(row, j, "expected a number, found " + (hint != null ? hint
            : "\"" + raw + "\" (fix or delete the row)"));
      }
      if (!Double.isFinite(v)) { // as written: 1e400 is not a finite number, though it reads as Infinity
        throw notFinite(row, j, raw);
      }
    } else {
      v = ((Number) row.get(i)).doubleValue();
    }
    return finite(row, j, v);
  }

  /**
   * The class (0 or 1) of {@code v}, the {@code j}-th requested column of {@code row} as {@link #value} read it, which
   * must be one of the two labels {@code classes} names.
   */
  public double classOf(Row row, int j, LabelClasses classes, double v) {
    double c = classes.classOf(v);
    if (Double.isNaN(c)) {
      throw problem(row, j, "holds " + v + ": a logistic model is evaluated on labels " + classes.both() + " (as it "
          + "was trained" + (classes.isDefault() ? "" : ", --classes " + classes.flagValue()) + "); map the classes "
          + "to " + classes.both() + ", or fix or delete the row");
    }
    return c;
  }

  /**
   * {@code v}, the {@code j}-th requested column of {@code row} as {@link #value} read it, as a row's weight
   * ({@code --weight-col}): refused, naming the row, when it is negative.
   */
  public double weight(Row row, int j, double v) {
    if (v < 0) {
      throw problem(row, j, "holds " + v + ": weights must be >= 0 (fix or delete the row)");
    }
    return v;
  }

  /** The problem of text {@code raw}, NaN or infinite as written ({@code 1e400}, {@code NaN}, {@code inf}). */
  private InputError notFinite(Row row, int j, String raw) {
    return problem(row, j, "holds " + raw + ", not a finite number (fix or delete the row)");
  }

  private InputError nullAt(Row row, int j) {
    return problem(row, j, "is empty (null); fill it in or delete the row");
  }

  private InputError problem(Row row, int j, String what) {
    return located(row, (vector == null ? "column \"" + names[j] + "\" " : "column \"" + vector + "\" (the model's "
        + names[j] + ") ") + what);
  }

  /** A problem of the row's features together, not of one column. */
  private InputError rowProblem(Row row, String what) {
    return located(row, "the row " + what);
  }

  private InputError located(Row row, String problem) {
    String file = row.isNullAt(fileIndex) ? null : row.getString(fileIndex);
    long offset = row.getLong(fileIndex + 1);
    return rowIndexed ? InputError.atRow(file, offset, problem) : InputError.atOffset(file, offset, 0, problem);
  }
}
