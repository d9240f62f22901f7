package sparkdgd.bench;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.config.BlockSize;
import sparkdgd.config.Checkpointing;
import sparkdgd.config.InputFormat;
import sparkdgd.config.LearningRate;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.TrainConfig;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;

/**
 * From files to cached training data, two ways on the same files: ours (the trainer's {@link DataLoader}
 * into packed blocks, cached MEMORY_ONLY and counted by the trainer's first pass) and Spark ML's usual
 * way (Spark's DataFrame reader, {@code VectorAssembler} into a (label, features) DataFrame, or for LIBSVM Spark's
 * {@code libsvm} source, cached MEMORY_ONLY and counted). Both end with every row parsed and held in memory, ready for an optimizer.
 */
public final class LoadingBenchmark {
  private final SparkSession spark;
  private final List<String> features;
  private final String label;
  private final int partitions;

  /** What each way loaded: the row count, so a run that dropped rows cannot look fast. */
  public record Loaded(long rows) {}

  /** Files whose columns are {@code features} then {@code label}, read into {@code partitions} partitions. */
  public LoadingBenchmark(SparkSession spark, List<String> features, String label, int partitions) {
    this.spark = spark;
    this.features = List.copyOf(features);
    this.label = label;
    this.partitions = partitions;
  }

  /**
   * Ours: read, parse, pack, cache and count, exactly as the trainer does before its first epoch; LIBSVM with
   * {@code --num-features} given, as Spark's reader is given {@code numFeatures} (neither counts them in a pass of its
   * own).
   */
  public Loaded ours(String path, InputFormat format) {
    boolean libsvm = format == InputFormat.LIBSVM;
    TrainConfig config = new TrainConfig(path, format, libsvm ? null : label, libsvm ? List.of() : features, 1,
        LearningRate.AUTO, false, partitions, "MEMORY_ONLY", BlockSize.AUTOMATIC, 1, 0, "unused", false, false,
        Checkpointing.NONE);
    if (libsvm) {
      ReadOptions r = config.read();
      config = config.withRead(new ReadOptions(features.size(), r.onBadRecord(), r.header(), r.delimiter(),
          r.precision(), false));
    }
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), path);
    LoadedData data = DataLoader.load(spark, config, format, files);
    try {
      return new Loaded(ColumnStatistics.meansOnly(data.blocks(), data.dims()).rows());
    } finally {
      data.blocks().unpersist(true);
    }
  }

  /**
   * Spark ML's way: the DataFrame reader (CSV with the schema given, no inference), VectorAssembler, cache; LIBSVM by
   * Spark's own {@code libsvm} source, whose rows are (label, features) already, with {@code numFeatures} given.
   */
  public Loaded sparkReader(String path, InputFormat format) {
    Dataset<Row> assembled = switch (format) {
      case PARQUET -> assemble(spark.read().parquet(path));
      case CSV -> assemble(spark.read().option("header", "true").schema(csvSchema()).csv(path));
      case LIBSVM -> spark.read().format("libsvm").option("numFeatures", features.size()).load(path);
    };
    if (partitions > 0 && assembled.rdd().getNumPartitions() != partitions) {
      assembled = assembled.repartition(partitions);
    }
    assembled.persist(StorageLevel.MEMORY_ONLY());
    try {
      return new Loaded(assembled.count());
    } finally {
      assembled.unpersist(true);
    }
  }

  private Dataset<Row> assemble(Dataset<Row> df) {
    return new VectorAssembler().setInputCols(features.toArray(new String[0])).setOutputCol("features").transform(df)
        .select(col(label).as("label"), col("features"));
  }

  private StructType csvSchema() {
    List<StructField> fields = new ArrayList<>();
    for (String f : features) {
      fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField(label, DataTypes.DoubleType, true));
    return DataTypes.createStructType(fields);
  }
}
