package sparkdgd.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.config.InputFormat;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;

/** The labels of each partition, as Spark holds the blocks the trainer's loader makes of some data. */
public final class PartitionLabels {
  private PartitionLabels() {}

  /** {@code data} read as {@code format} into {@code partitions} (0: automatic), in blocks of 64 rows. */
  public static List<double[]> of(Path data, InputFormat format, int partitions) {
    SparkSession spark = SparkTestSession.get();
    LoadedData loaded = DataLoader.load(spark, Configs.data(data).partitions(partitions).blockRows(64).build(),
        format, InputFiles.list(spark.sparkContext().hadoopConfiguration(), data.toString()));
    try {
      return loaded.blocks().mapPartitions((Iterator<Block> blocks) -> {
        List<Double> labels = new ArrayList<>();
        blocks.forEachRemaining(b -> Arrays.stream(b.labels()).forEach(labels::add));
        return List.of(labels.stream().mapToDouble(Double::doubleValue).toArray()).iterator();
      }).collect();
    } finally {
      loaded.blocks().unpersist(true);
    }
  }
}
