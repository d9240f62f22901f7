package sparkdgd.cli;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.sql.types.VariantType;
import sparkdgd.config.InputFormat;
import sparkdgd.config.UsageError;

/**
 * The format {@code predict} writes: {@code --output-format}, else {@code --output}'s extension, else the
 * format of {@code --data}, except that LIBSVM data is written as CSV. LIBSVM (a label and numbered
 * features) has no place for the prediction column, so asking for it is refused before anything runs.
 */
final class PredictionOutputFormat {
  private PredictionOutputFormat() {}

  /** The format asked for by the flag or the output's extension; null when the input's format decides. */
  static InputFormat asked(String flag, String output) {
    if (flag != null) {
      InputFormat f;
      try {
        f = InputFormat.parse(flag);
      } catch (IllegalArgumentException e) {
        throw new UsageError(String.format("--output-format must be csv or parquet, got \"%s\"", flag));
      }
      if (f == InputFormat.LIBSVM) {
        throw new UsageError("--output-format libsvm cannot hold the prediction column; use csv or parquet");
      }
      return f;
    }
    InputFormat f = InputFormat.fromFileName(output);
    if (f == InputFormat.LIBSVM) {
      throw new UsageError("--output " + output + ": libsvm cannot hold the prediction column; name it .csv or "
          + ".parquet, or pass --output-format csv or parquet");
    }
    return f;
  }

  /**
   * Refuses CSV output of scored rows with a column CSV cannot hold (a Spark ML vector, an array, a map or a struct,
   * which Parquet input may have), before anything runs: Spark's writer would fail only after the scoring.
   */
  static void refuseColumnsCsvCannotHold(InputFormat written, StructType scored, String output) {
    if (written != InputFormat.CSV) {
      return;
    }
    for (StructField f : scored.fields()) {
      if (!csvCanHold(f.dataType())) {
        throw new UsageError(String.format("--output %s is CSV, which cannot hold the column \"%s\" (%s); pass "
            + "--output-format parquet, or name the output .parquet", output, f.name(),
            f.dataType() instanceof UserDefinedType ? "a vector" : f.dataType().simpleString()));
      }
    }
  }

  private static boolean csvCanHold(DataType type) {
    if (type instanceof UserDefinedType<?> udt) {
      return csvCanHold(udt.sqlType());
    }
    return !(type instanceof ArrayType || type instanceof MapType || type instanceof StructType
        || type instanceof VariantType);
  }

  /** The format written when neither the flag nor the output's name tells: the input's, CSV for LIBSVM. */
  static InputFormat following(InputFormat input) {
    return input == InputFormat.LIBSVM ? InputFormat.CSV : input;
  }
}
