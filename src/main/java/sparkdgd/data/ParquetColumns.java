package sparkdgd.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a run reads from a Parquet schema: the label and the numeric feature columns (model order), or the
 * label and one column that holds the features: a Spark ML vector or an array of numbers ({@link FeatureVectors}).
 *
 * @param label    the label column
 * @param features the feature columns; with a vector column, that one column
 * @param vector   whether {@code features} is one vector (or array) column
 * @param weight   the numeric column of the rows' weights ({@code --weight-col}), null for none
 */
record ParquetColumns(String label, List<String> features, boolean vector, String weight) {
  ParquetColumns {
    features = List.copyOf(features);
  }

  ParquetColumns(String label, List<String> features, boolean vector) {
    this(label, features, vector, null);
  }

  /**
   * Resolves {@code --label-col} and {@code --features} against {@code schema}: a vector column when there is one
   * and {@code --features} names none or only it, else numeric columns ({@link ColumnSelection}).
   *
   * @param source the file or input named in errors
   * @throws InputError when the schema has no such columns, or they are not numeric
   */
  static ParquetColumns choose(String source, StructType schema, String labelCol, List<String> features) {
    return choose(source, source, schema, labelCol, features);
  }

  /**
   * As {@link #choose(String, StructType, String, List)}; {@code schemaFile}, the file the schema is of, is named
   * where a column's type is the problem (a label that is not numeric).
   */
  static ParquetColumns choose(String source, String schemaFile, StructType schema, String labelCol,
      List<String> features) {
    return choose(source, schemaFile, schema, labelCol, features, null);
  }

  /** As {@link #choose(String, String, StructType, String, List)}, the rows weighed by {@code weightCol} (or null). */
  static ParquetColumns choose(String source, String schemaFile, StructType schema, String labelCol,
      List<String> features, String weightCol) {
    if (features.isEmpty()) {
      schema = PandasIndex.without(schema, labelCol); // pandas' row numbers: not a feature, nor the default label
    }
    List<String> columns = new ArrayList<>();
    List<String> numeric = new ArrayList<>();
    List<String> vectors = new ArrayList<>(); // every column --features may name as the one holding the features
    StructField[] fields = schema.fields();
    boolean[] usable = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns.add(fields[i].name());
      usable[i] = fields[i].dataType() instanceof NumericType;
      if (usable[i]) {
        numeric.add(fields[i].name());
      } else if (FeatureVectors.holdsFeatures(fields[i].dataType())) {
        vectors.add(fields[i].name());
      }
    }
    List<String> unnamed = FeatureVectors.unnamedCandidates(schema).stream().map(columns::get).toList();
    if (features.isEmpty() ? !unnamed.isEmpty() : features.size() == 1 && vectors.contains(features.get(0))) {
      vectors = features.isEmpty() ? unnamed : vectors;
      if (features.isEmpty() && vectors.size() > 1) {
        throw InputError.of(source, "several vector or array columns " + vectors
            + "; choose the features with --features NAME");
      }
      String label = labelCol != null ? labelCol : columns.contains("y") ? "y" : columns.contains("label") ? "label"
          : numeric.isEmpty() ? null : numeric.get(numeric.size() - 1);
      if (label != null && columns.contains(label) && !numeric.contains(label)) {
        throw labelNotNumeric(schemaFile, fields[columns.indexOf(label)], numeric);
      }
      if (label == null || !numeric.contains(label)) {
        throw InputError.of(source, String.format("label column %s is not a numeric column of %s; pass --label-col "
            + "with one of %s", label == null ? "(none)" : "\"" + label + "\"", columns.isEmpty() ? "the data"
            : columns, numeric));
      }
      if (weightCol != null && !numeric.contains(weightCol)) {
        throw InputError.of(source, String.format("weight column \"%s\" (--weight-col) is not %s of %s; weigh the "
            + "rows by one of %s", weightCol, columns.contains(weightCol) ? "a numeric column" : "a column",
            columns.isEmpty() ? "the data" : columns, numeric));
      }
      if (label.equals(weightCol)) {
        throw InputError.of(source, String.format("weight column \"%s\" (--weight-col) is also the label; pass "
            + "--label-col, or weigh by another column", weightCol));
      }
      return new ParquetColumns(label, List.of(features.isEmpty() ? vectors.get(0) : features.get(0)), true,
          weightCol);
    }
    String label = labelCol != null ? labelCol : columns.contains("y") ? "y" : columns.contains("label") ? "label"
        : columns.isEmpty() ? null : columns.get(columns.size() - 1); // as ColumnSelection chooses it
    if (label != null && columns.contains(label) && !usable[columns.indexOf(label)]) {
      throw labelNotNumeric(schemaFile, fields[columns.indexOf(label)], numeric);
    }
    ColumnSelection selection = ColumnSelection.resolve(source, schemaFile, columns, usable, labelCol, features,
        weightCol);
    return new ParquetColumns(selection.labelName(), selection.featureNames(), false, selection.weightName());
  }

  /** The label column {@code field} of {@code file} is not numeric: its type, and the numeric columns to choose. */
  private static InputError labelNotNumeric(String file, StructField field, List<String> numeric) {
    return InputError.of(file, String.format("label column \"%s\" has type %s, not a number type; a label must be "
        + "numeric: write it as numbers (e.g. cast it to double; for --loss logistic, classes as 0 and 1), or pass "
        + "--label-col with a numeric column%s", field.name(), field.dataType().simpleString(),
        numeric.isEmpty() ? " (this file has none)" : " (one of " + numeric + ")"));
  }

  /**
   * The columns of {@code schema} a run leaves out when {@code --features} was not given (empty when it was: then the
   * user chose), each with why: they hold no numbers (text, booleans, structs), as "name (type: not numbers)", they
   * are pandas' index ({@link PandasIndex}), unless {@code labelCol} names one, or they are numbers the run passes
   * over because {@code chosen} takes the features from a vector or array column.
   */
  static List<String> unread(StructType schema, ParquetColumns chosen, String labelCol, List<String> givenFeatures) {
    List<String> unread = new ArrayList<>();
    // the columns passed over for a vector, one entry for all of a type: "x1, x2, ..., w (double: ...)" (a review's
    // file with eight numeric columns beside its vector had the same words nine times)
    java.util.Map<String, List<String>> besideTheVector = new java.util.LinkedHashMap<>();
    if (givenFeatures.isEmpty()) {
      for (StructField f : schema.fields()) {
        if (PandasIndex.is(f) && !f.name().equals(labelCol)) {
          unread.add(f.name() + " (" + f.dataType().simpleString() + ": pandas' index, from DataFrame.to_parquet; "
              + "--features names it to use it)");
        } else if (chosen.vector() && !f.name().equals(chosen.label()) && !f.name().equals(chosen.features().get(0))
            && !f.name().equals(chosen.weight())
            && (f.dataType() instanceof NumericType || FeatureVectors.holdsFeatures(f.dataType()))) {
          String why = " (" + f.dataType().simpleString() + ": the features are the column \""
              + chosen.features().get(0) + "\"; --features " + (f.dataType() instanceof NumericType
                  ? "names numeric columns to train on them instead)" : f.name() + " trains on it instead)");
          if (!besideTheVector.containsKey(why)) {
            unread.add(why); // its place in the list, filled in below
          }
          besideTheVector.computeIfAbsent(why, w -> new ArrayList<>()).add(f.name());
        } else if (!(f.dataType() instanceof NumericType) && !FeatureVectors.holdsFeatures(f.dataType())) {
          unread.add(f.name() + " (" + f.dataType().simpleString() + LoadedData.NOT_NUMBERS);
        }
      }
    }
    unread.replaceAll(entry -> besideTheVector.containsKey(entry)
        ? String.join(", ", besideTheVector.get(entry)) + entry : entry);
    return unread;
  }

  /** The columns read: the features (or the vector column), then the label, then the weight if any. */
  List<String> read() {
    List<String> all = new ArrayList<>(features);
    all.add(label);
    if (weight != null) {
      all.add(weight);
    }
    return all;
  }
}
