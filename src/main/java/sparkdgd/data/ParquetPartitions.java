package sparkdgd.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The partitions the rows of Spark's Parquet reader are trained in ({@link ParquetSource}, {@link VectorColumnSource}).
 * {@code --partitions N}: exactly N, the rows spread by a shuffle when the reader gives fewer partitions, coalesced
 * when it gives more. Automatic (0): the reader's partitions (at most 128 MiB each, small files packed together), but
 * at least Spark's default parallelism: a reader that gives fewer (one small file is one partition) has its rows
 * spread over the default parallelism by the same shuffle.
 */
final class ParquetPartitions {
  private ParquetPartitions() {}

  /**
   * {@code rows} in the partitions above. The shuffle is Spark's {@code repartition(n)}: it sorts each of the reader's
   * partitions and deals its rows round robin from a start set by the partition's index, so a partition holds the
   * same rows on every run; their order in it is fixed when one reader partition feeds the shuffle (one small file)
   * or all ran in one executor, not when several executors' partitions feed it (Spark fetches those in any order).
   */
  static Dataset<Row> of(Dataset<Row> rows, int partitions) {
    int read = rows.rdd().getNumPartitions();
    int least = partitions > 0 ? partitions : rows.sparkSession().sparkContext().defaultParallelism();
    if (read < least) {
      return rows.repartition(least);
    }
    if (partitions > 0 && read > partitions) {
      return rows.coalesce(partitions);
    }
    return rows;
  }
}
