package sparkdgd.data;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.config.InputFormat;
import sparkdgd.config.TrainConfig;

/** Lists the input, reads it in its format into packed blocks, and marks the blocks for caching. */
public final class DataLoader {
  private DataLoader() {}

  public static LoadedData load(SparkSession spark, TrainConfig config, InputFormat format,
      List<FileStatus> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LoadedData data = switch (format) {
      case CSV -> CsvSource.load(jsc, files, config.labelCol(), config.features(), config.partitions(),
          config.blockRows());
      case PARQUET -> ParquetSource.load(spark, config.data(), files.size(), config.labelCol(),
          config.features(), config.partitions(), config.blockRows());
      case LIBSVM -> throw new sparkdgd.config.UsageError("--format libsvm is not readable yet");
    };
    data.blocks().setName("training blocks (" + config.data() + ")");
    data.blocks().persist(StorageLevel.fromString(config.storageLevel()));
    return data;
  }
}
