package sparkdgd.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Single Parquet files of chosen schemas, written by Spark, for tests of files that disagree. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Writes rows {@code from..from+rows-1} as the single Parquet file {@code dir/name} (no .crc beside it),
   * staging Spark's output directory in {@code tmp}.
   */
  public static Path write(Path tmp, Path dir, String name, StructType schema, int from, int rows,
      IntFunction<Object[]> row) throws IOException {
    List<Row> list = new ArrayList<>();
    for (int i = from; i < from + rows; i++) {
      list.add(RowFactory.create(row.apply(i)));
    }
    Path staging = tmp.resolve("staging-" + name);
    SparkTestSession.get().createDataFrame(list, schema).coalesce(1).write().parquet(staging.toString());
    Path file = Files.createDirectories(dir).resolve(name);
    try (Stream<Path> parts = Files.list(staging)) {
      Files.move(parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow(), file);
    }
    try (Stream<Path> left = Files.walk(staging)) {
      left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return file;
  }

  /** Non-null double columns of these names. */
  public static StructType doubles(String... names) {
    StructType s = new StructType();
    for (String n : names) {
      s = s.add(n, DataTypes.DoubleType, false);
    }
    return s;
  }
}
