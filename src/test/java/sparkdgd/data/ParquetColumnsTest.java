package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The "Not read:" list of a file whose features are a vector column beside other columns. */
class ParquetColumnsTest {
  @Test
  void numericColumnsBesideTheVectorAreListedOnceForEachType() {
    StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("id", DataTypes.IntegerType)
        .add("x2", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType()).add("y", DataTypes.DoubleType)
        .add("note", DataTypes.StringType).add("w", DataTypes.DoubleType);
    List<String> unread = ParquetColumns.unread(schema, new ParquetColumns("y", List.of("features"), true), null,
        List.of());
    String numbers = ": the features are the column \"features\"; --features names numeric columns to train on them "
        + "instead)";
    assertEquals(List.of("x1, x2, w (double" + numbers, "id (int" + numbers, "note (string: not numbers)"), unread);
    assertEquals(List.of(), ParquetColumns.unread(schema, new ParquetColumns("y", List.of("features"), true), null,
        List.of("x1")), "--features given: the user chose");
  }
}
