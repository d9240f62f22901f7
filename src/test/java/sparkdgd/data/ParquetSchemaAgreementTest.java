package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import sparkdgd.data.ParquetFooters.FileSchema;

/** Which schema differences between Parquet files a run may read past, and which it refuses (no Spark needed). */
class ParquetSchemaAgreementTest {
  private static final DataType D = DataTypes.DoubleType;
  private static final DataType S = DataTypes.StringType;

  /** Columns as name, type, name, type, ... */
  private static FileSchema file(String name, Object... columns) {
    StructType s = new StructType();
    for (int i = 0; i < columns.length; i += 2) {
      s = s.add((String) columns[i], (DataType) columns[i + 1]);
    }
    return new FileSchema(name, s, null, false);
  }

  private static StructType check(String labelCol, List<String> features, FileSchema... files) {
    ParquetColumns columns = ParquetColumns.choose("data", files[0].schema(), labelCol, features);
    return ParquetSchemaAgreement.require(List.of(files), columns, labelCol, features);
  }

  @Test
  void theSameColumnsInAnotherOrderAgreeAndTheFirstFileGivesTheModelOrder() {
    FileSchema f1 = file("f1", "a", D, "b", D, "y", D);
    assertDoesNotThrow(() -> check(null, List.of(), f1, file("f2", "b", D, "y", D, "a", D)));
    assertEquals(List.of("a", "b"), ParquetColumns.choose("data", f1.schema(), null, List.of()).features());
  }

  @Test
  void columnsTheRunDoesNotReadMayDiffer() {
    // a string column is never a feature: present in one file only
    assertDoesNotThrow(() -> check(null, List.of(), file("f1", "id", S, "a", D, "y", D), file("f2", "a", D, "y", D)));
    // with --features a, b is not read: of another type, or missing
    assertDoesNotThrow(() -> check(null, List.of("a"), file("f1", "a", D, "b", S, "y", D),
        file("f2", "a", D, "b", D, "y", D), file("f3", "a", D, "y", D)));
    // features in a vector column: numeric columns besides the label are not read
    assertDoesNotThrow(() -> check(null, List.of(), file("f1", "features", SQLDataTypes.VectorType(), "y", D),
        file("f2", "features", SQLDataTypes.VectorType(), "y", D, "z", D)));
  }

  @Test
  void theLabelMustBeInEveryFileWithOneType() {
    InputError missing = assertThrows(InputError.class, () -> check("t", List.of("a"), file("f1", "a", D, "t", D),
        file("f2", "a", D, "y", D)));
    assertEquals("f2: has no column \"t\", which the run reads as the label (it is in f1); every file needs the "
        + "columns the run reads: rewrite the files with one schema", missing.getMessage());
    InputError type = assertThrows(InputError.class, () -> check("t", List.of("a"), file("f1", "a", D, "t", D),
        file("f2", "a", D, "t", DataTypes.LongType)));
    assertEquals("f2: column \"t\" is bigint here but double in f1; the files must agree on the type of every column "
        + "the run reads: rewrite them with one schema (\"t\" of one type in every file); int and bigint columns are "
        + "read together, and so are int, float and double ones, but not bigint with float or double, nor decimals",
        type.getMessage());
  }

  /** A read column named in another case in a later file is told so (a review saw only "has no column"). */
  @Test
  void aReadColumnInAnotherCaseIsCalledSo() {
    InputError e = assertThrows(InputError.class, () -> check("y", List.of("a"), file("f1", "a", D, "y", D),
        file("f2", "A", D, "y", D)));
    assertEquals("f2: has no column \"a\" (it has \"A\": column names must match in case too), which the run reads as "
        + "a feature (it is in f1); every file needs the columns the run reads: rewrite the files with one schema, or "
        + "choose with --features columns every file has", e.getMessage());
  }

  /**
   * Number columns appended over time in other types are read together where one type reads them exactly (Spark's
   * reader widens int to bigint, and int and float to double): whole numbers as bigint, int with float or double as
   * double. A bigint with a float is refused, naming every type seen and its file.
   */
  @Test
  void numberColumnsInTypesOneTypeReadsAreWidened() {
    DataType i = DataTypes.IntegerType;
    DataType l = DataTypes.LongType;
    DataType f = DataTypes.FloatType;
    StructType read = check("y", List.of("a", "b"), file("f1", "a", i, "b", i, "y", f),
        file("f2", "a", l, "b", D, "y", D), file("f3", "a", DataTypes.ShortType, "b", f, "y", i));
    assertEquals(new StructType().add("a", l).add("b", D).add("y", D), read);
    assertEquals(new StructType().add("a", D).add("y", D), check("y", List.of("a"), file("f1", "a", i, "y", D),
        file("f2", "a", DataTypes.ShortType, "y", D), file("f3", "a", f, "y", D)),
        "int and smallint read as int, then with float as double (a review: they went to bigint, and float was refused)");
    assertEquals(new StructType().add("a", i).add("y", D), check("y", List.of("a"), file("f1", "a", i, "y", D),
        file("f2", "a", i, "y", D)), "the first file's types when the files agree");
    InputError e = assertThrows(InputError.class, () -> check("y", List.of("a"), file("f1", "a", i, "y", D),
        file("f2", "a", l, "y", D), file("f3", "a", f, "y", D)));
    assertEquals("f3: column \"a\" is float here but int in f1 and bigint in f2; the files must agree on the type of "
        + "every column the run reads: rewrite them with one schema (\"a\" of one type in every file); int and bigint "
        + "columns are read together, and so are int, float and double ones, but not bigint with float or double, nor "
        + "decimals", e.getMessage());
    assertThrows(InputError.class, () -> check("y", List.of("a"), file("f1", "a", DataTypes.createDecimalType(10, 2),
        "y", D), file("f2", "a", l, "y", D)), "a decimal asked for as a bigint reads its unscaled digits");
  }

  @Test
  void aThirdFileIsComparedWithTheFirst() {
    InputError e = assertThrows(InputError.class, () -> check(null, List.of(), file("f1", "a", D, "y", D),
        file("f2", "a", D, "y", D), file("f3", "a", D, "b", DataTypes.IntegerType, "c", D, "y", D)));
    assertEquals("f3: columns \"b\" (int), \"c\" (double) would be features here but not in f1; without --features "
        + "every numeric column but the label is a feature, so the files would give different features: rewrite the "
        + "files with one schema, or choose the features they share with --features a", e.getMessage());
  }

  /**
   * Arrays that differ only in whether their elements may be null (Spark's vector_to_array against pyarrow) agree, and
   * are read with nullable elements; arrays of another element type are refused, naming both types.
   */
  @Test
  void arraysDifferingOnlyInNullableElementsAgreeAndAreReadNullable() {
    FileSchema never = file("f1", "features", DataTypes.createArrayType(D, false), "y", D);
    FileSchema may = file("f2", "features", DataTypes.createArrayType(D, true), "y", D);
    assertDoesNotThrow(() -> check(null, List.of(), never, may));
    assertEquals(DataTypes.createArrayType(D, true),
        ParquetSchemaAgreement.readable(never.schema()).fields()[0].dataType());
    assertEquals(D, ParquetSchemaAgreement.readable(never.schema()).fields()[1].dataType());
    // at any depth: arrays of structs, as pyarrow writes a list of records (a review: "array<struct<a:double>> here but
    // array<struct<a:double>>")
    DataType strict = DataTypes.createArrayType(new StructType().add("a", D, false), false);
    DataType loose = DataTypes.createArrayType(new StructType().add("a", D, true), true);
    assertTrue(ParquetSchemaAgreement.sameType(strict, loose));
    assertFalse(ParquetSchemaAgreement.sameType(strict, DataTypes.createArrayType(new StructType().add("b", D), true)));
    assertEquals(loose, ParquetSchemaAgreement.readable(new StructType().add("tags", strict)).fields()[0].dataType());
    InputError e = assertThrows(InputError.class, () -> check(null, List.of(), never,
        file("f3", "features", DataTypes.createArrayType(DataTypes.FloatType, false), "y", D)));
    assertEquals("f3: column \"features\" is array<float> here but array<double> in f1; the files must agree on the "
        + "type of every column the run reads: rewrite them with one schema (\"features\" of one type in every file)",
        e.getMessage());
  }

  /** A float label column's 0.1 is not --classes 0.1: said so, with the fix. */
  @Test
  void aFloatLabelThatIsAClassRoundedSaysSo() {
    String problem = LabelRule.twoClasses(new sparkdgd.config.LabelClasses(0.1, 0.2)).problem((double) 0.1f);
    assertEquals("but --classes 0.1,0.2 names the labels 0.1 or 0.2: check --classes or --label-col (the label "
        + "column holds floats, in which 0.1 is 0.10000000149011612: cast it to double, or label the classes with "
        + "whole numbers)", problem);
  }
}
