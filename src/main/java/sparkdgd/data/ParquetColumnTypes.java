package sparkdgd.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The type each column is read as when Parquet files hold it in different number types, as files appended over time
 * do (pandas' int64 beside int32, float32 beside float64): whole numbers are read as {@code int}, or {@code bigint}
 * when a file holds {@code bigint}s, and whole numbers up to {@code int} with {@code float} and {@code double} as
 * {@code double}, which Spark's reader widens exactly. A {@code bigint} with a floating type, and decimals, are not read together: Spark's reader refuses a
 * {@code bigint} read as a double, and reads a decimal asked for as a {@code bigint} as its unscaled digits (3.25 as
 * 325, measured on Spark 4.2.0), so such files stay refused, naming the types and files.
 */
final class ParquetColumnTypes {
  /** Each column's distinct types so far, with the first file that held each, beyond the first file's. */
  private final Map<String, Map<DataType, String>> seen = new LinkedHashMap<>();
  private final StructType first;
  private final String firstFile;

  ParquetColumnTypes(StructType first, String firstFile) {
    this.first = first;
    this.firstFile = firstFile;
  }

  /**
   * Takes {@code column}'s type {@code found} in {@code file}: null when it can be read with the types the column had
   * in the files before, else how they differ ({@code is float here but bigint in f1}).
   */
  String add(String column, DataType found, String file) {
    Map<DataType, String> types = seen.computeIfAbsent(column, c -> {
      Map<DataType, String> m = new LinkedHashMap<>();
      m.put(first.apply(first.fieldIndex(c)).dataType(), firstFile);
      return m;
    });
    DataType read = readType(types.keySet());
    if (common(read, found) != null) { // the same type too
      if (types.keySet().stream().noneMatch(t -> ParquetSchemaAgreement.sameType(t, found))) {
        types.put(found, file);
      }
      return null;
    }
    List<String> before = new ArrayList<>();
    types.forEach((type, in) -> before.add(type.simpleString() + " in " + in));
    return String.format("column \"%s\" is %s here but %s", column, found.simpleString(), String.join(" and ", before));
  }

  /** {@code schema} with each column read as the types it holds in the files allow. */
  StructType apply(StructType schema) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      Map<DataType, String> types = seen.get(fields[i].name());
      if (types != null && types.size() > 1) {
        fields[i] = new StructField(fields[i].name(), readType(types.keySet()), fields[i].nullable(),
            fields[i].metadata());
      }
    }
    return new StructType(fields);
  }

  /** The type to read a column of all of {@code types} (which can be read together) as. */
  private static DataType readType(Iterable<DataType> types) {
    DataType read = null;
    for (DataType t : types) {
      read = read == null ? t : common(read, t);
    }
    return read;
  }

  /** The type that reads both {@code a} and {@code b} exactly, or null if there is none. */
  static DataType common(DataType a, DataType b) {
    if (ParquetSchemaAgreement.sameType(a, b)) {
      return a;
    }
    if (whole(a) && whole(b)) { // int unless one is bigint: so int, smallint and float still read as double
      return a instanceof LongType || b instanceof LongType ? DataTypes.LongType : DataTypes.IntegerType;
    }
    if ((whole(a) || floating(a)) && (whole(b) || floating(b)) && !(a instanceof LongType)
        && !(b instanceof LongType)) {
      return DataTypes.DoubleType;
    }
    return null;
  }

  private static boolean whole(DataType t) {
    return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType;
  }

  private static boolean floating(DataType t) {
    return t instanceof FloatType || t instanceof DoubleType;
  }
}
