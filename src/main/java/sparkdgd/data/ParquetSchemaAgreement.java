package sparkdgd.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkdgd.data.ParquetFooters.FileSchema;

/**
 * Refuses Parquet files that disagree about the columns a run reads, before Spark reads any of them. Spark reads
 * every file with one file's columns: a column only some files have was dropped or read as nulls, and a column of
 * another type failed inside a task as if the file were corrupt. Like CSV files, which must share one header, every
 * file must have the run's columns with the types they have in the first file; and where the run picks the columns
 * itself (no {@code --features}, no {@code --label-col}), each file on its own must give the same choice. Columns
 * the run does not read may differ: they are never read.
 */
public final class ParquetSchemaAgreement {
  private static final String SAME_COLUMNS = "the files must have the same columns with the same types (in any order), "
      + "as CSV files share one header: rewrite them with one schema";

  /** What ends a refusal of two number types: which ones are read together. */
  private static final String WIDENED = "; int and bigint columns are read together, and so are int, float and double "
      + "ones, but not bigint with float or double, nor decimals";

  private ParquetSchemaAgreement() {}

  /** {@link #WIDENED} after the refusal of a column holding numbers of {@code type} here; nothing for other types. */
  private static String widening(DataType type) {
    return type instanceof org.apache.spark.sql.types.NumericType ? WIDENED : "";
  }

  /**
   * The schema every one of {@code files} has, to read them all with, for predict and evaluate: those write or read
   * every column, so the files must agree on all of them, as CSV files share one header. Columns may come in
   * another order (Spark reads them by name), and their nullability may differ, as may whether an array's elements
   * may be null, and a column's number type where one type reads them all ({@link ParquetColumnTypes}): the schema
   * returned is the first file's with such columns widened and every value inside a column nullable ({@link
   * #readable}).
   *
   * @throws InputError naming a file that cannot be read as Parquet, or one whose columns differ from the first's
   */
  public static StructType sharedBy(SparkSession spark, String data, List<FileStatus> files) {
    List<FileSchema> schemas = ParquetFooters.read(spark, files);
    for (FileSchema f : schemas) {
      if (f.schema() == null) {
        throw f.unreadable(false, schemas.size() == 1);
      }
    }
    if (schemas.isEmpty()) {
      throw InputError.of(data, "no Parquet file; check --data");
    }
    FileSchema first = schemas.get(0);
    ParquetColumnTypes types = new ParquetColumnTypes(first.schema(), first.file());
    for (FileSchema other : schemas.subList(1, schemas.size())) {
      if (!other.schema().equals(first.schema())) {
        sameColumns(first, other, types);
      }
    }
    return readable(types.apply(first.schema()));
  }

  /**
   * {@code schema} with every value inside its columns nullable (arrays' elements, maps' values, structs' fields, at
   * any depth): the schema to read files with that agree on their columns but not on whether such values may be null
   * (Spark's {@code vector_to_array} writes an array's elements never null, pyarrow may-be-null), read each as it is.
   * A null inside an array of features is still a bad record (the row and element named).
   */
  public static StructType readable(StructType schema) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(fields[i].name(), nullableInside(fields[i].dataType()), fields[i].nullable(),
          fields[i].metadata());
    }
    return new StructType(fields);
  }

  private static DataType nullableInside(DataType type) {
    if (type instanceof ArrayType a) {
      return DataTypes.createArrayType(nullableInside(a.elementType()), true);
    }
    if (type instanceof MapType m) {
      return DataTypes.createMapType(nullableInside(m.keyType()), nullableInside(m.valueType()), true);
    }
    if (type instanceof StructType st) {
      StructField[] fields = st.fields().clone();
      for (int i = 0; i < fields.length; i++) {
        fields[i] = new StructField(fields[i].name(), nullableInside(fields[i].dataType()), true,
            fields[i].metadata());
      }
      return new StructType(fields);
    }
    return type;
  }

  /**
   * Whether columns of types {@code a} and {@code b} are read alike: the same type, whatever each says of null values
   * inside it ({@link #readable}).
   */
  static boolean sameType(DataType a, DataType b) {
    return nullableInside(a).equals(nullableInside(b));
  }

  private static void sameColumns(FileSchema first, FileSchema other, ParquetColumnTypes types) {
    for (StructField expected : first.schema().fields()) {
      StructField found = field(other.schema(), expected.name());
      if (found == null) {
        String otherCase = nameInAnotherCase(other.schema(), expected.name());
        throw InputError.of(other.file(), String.format("has no column \"%s\" (%s), which %s has%s; %s",
            expected.name(), expected.dataType().simpleString(), first.file(), otherCase == null ? ""
                : " (it has \"" + otherCase + "\": column names must match in case too)", SAME_COLUMNS));
      }
      String differs = types.add(expected.name(), found.dataType(), other.file());
      if (differs != null) {
        throw InputError.of(other.file(), differs + "; " + SAME_COLUMNS + widening(found.dataType()));
      }
    }
    for (StructField extra : other.schema().fields()) {
      if (field(first.schema(), extra.name()) == null) {
        throw InputError.of(other.file(), String.format("has column \"%s\" (%s), which %s has not; %s", extra.name(),
            extra.dataType().simpleString(), first.file(), SAME_COLUMNS));
      }
    }
  }

  /**
   * @param files    the readable files, the first being the one {@code columns} were chosen from
   * @param columns  the columns the run reads
   * @param labelCol {@code --label-col}, or null
   * @param features {@code --features}, or empty
   * @return the first file's schema with the columns read widened where the files hold them in number types that one
   *     type reads ({@link ParquetColumnTypes}): the schema to read the files with, once {@link #readable}
   * @throws InputError naming a file that disagrees with the first, the column, the difference and the fix
   */
  static StructType require(List<FileSchema> files, ParquetColumns columns, String labelCol, List<String> features) {
    FileSchema first = files.get(0);
    ParquetColumnTypes types = new ParquetColumnTypes(first.schema(), first.file());
    for (FileSchema other : files.subList(1, files.size())) {
      if (other.schema().equals(first.schema())) {
        continue; // the usual case
      }
      for (String c : columns.read()) {
        sameColumn(first, other, c, role(columns, c), types);
      }
      if (features.isEmpty() || labelCol == null) {
        sameChoice(first, columns, other, ParquetColumns.choose(other.file(), other.file(), other.schema(), labelCol,
            features, columns.weight()));
      }
    }
    return types.apply(first.schema());
  }

  private static void sameColumn(FileSchema first, FileSchema other, String column, String role,
      ParquetColumnTypes types) {
    StructField expected = field(first.schema(), column);
    StructField found = field(other.schema(), column);
    if (found == null) {
      String otherCase = nameInAnotherCase(other.schema(), column);
      throw InputError.of(other.file(), String.format("has no column \"%s\"%s, which the run reads as %s (it is in "
          + "%s); every file needs the columns the run reads: rewrite the files with one schema%s", column,
          otherCase == null ? "" : " (it has \"" + otherCase + "\": column names must match in case too)", role,
          first.file(), !role.startsWith("a feature") && !role.startsWith("the features") ? ""
              : ", or choose with --features columns every file has"));
    }
    String differs = types.add(column, found.dataType(), other.file());
    if (differs != null) {
      throw InputError.of(other.file(), String.format("%s; the files must agree on the type of every column the run "
          + "reads: rewrite them with one schema (\"%s\" of one type in every file)%s", differs, column,
          widening(found.dataType())));
    }
  }

  /** The choice {@code other} gives on its own is the first file's: no feature or label it would pick otherwise. */
  private static void sameChoice(FileSchema first, ParquetColumns chosen, FileSchema other, ParquetColumns own) {
    List<String> extra = new ArrayList<>(own.features());
    extra.removeAll(new HashSet<>(chosen.features()));
    if (!extra.isEmpty()) { // the first file's features are all here (sameColumn), so they are shared
      throw InputError.of(other.file(), String.format("%s would be %s here but not in %s; without --features every "
          + "numeric column but the label is a feature, so the files would give different features: rewrite the files "
          + "with one schema, or choose the features they share with --features %s", describe(other.schema(), extra),
          extra.size() == 1 ? "a feature" : "features", first.file(), String.join(",", chosen.features())));
    }
    if (!own.label().equals(chosen.label())) {
      throw InputError.of(other.file(), String.format("without --label-col the label would be \"%s\" here but is \"%s\" "
          + "in %s (the column y, else label, else the last %scolumn); pass --label-col", own.label(), chosen.label(),
          first.file(), chosen.vector() ? "numeric " : ""));
    }
  }

  private static String role(ParquetColumns columns, String column) {
    return column.equals(columns.label()) ? "the label" : column.equals(columns.weight()) ? "the weight (--weight-col)"
        : columns.vector() ? "the features (a vector or array column)" : "a feature";
  }

  /** {@code column "b" (double)}, or {@code columns "b" (double), "c" (int)}. */
  private static String describe(StructType schema, List<String> columns) {
    List<String> each = new ArrayList<>();
    for (String c : columns) {
      each.add("\"" + c + "\" (" + field(schema, c).dataType().simpleString() + ")");
    }
    return (columns.size() == 1 ? "column " : "columns ") + String.join(", ", each);
  }

  /** The name of a column of {@code schema} that is {@code name} in another case, or null. */
  private static String nameInAnotherCase(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.name();
      }
    }
    return null;
  }

  private static StructField field(StructType schema, String name) {
    scala.Option<Object> i = schema.getFieldIndex(name); // by a map StructType keeps
    return i.isDefined() ? schema.fields()[(Integer) i.get()] : null;
  }
}
