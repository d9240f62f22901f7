package sparkdgd.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowShuffle;
import sparkdgd.config.InputFormat;
import sparkdgd.config.Precision;
import sparkdgd.config.TrainConfig;
import sparkdgd.config.UsageError;

/** Lists the input, reads it in its format into packed blocks, and marks the blocks for caching. */
public final class DataLoader {
  private DataLoader() {}

  public static LoadedData load(SparkSession spark, TrainConfig config, InputFormat format,
      List<FileStatus> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return load(spark, config, format, files, BadRecords.create(jsc, config.read().onBadRecord()));
  }

  /**
   * Reads with {@code bad} deciding about bad records; empty files count as bad records (0 bytes, or text of blank
   * lines only: {@link TextFiles#onlyBlankLines}, a gzip of nothing, a file emptied but for a line break), and so do
   * files whose name Hadoop cannot open ({@link InputFiles#readableName}: a colon) and compressed text files its
   * codec cannot read ({@link UnreadableCompression}: the lz4 tool's, zstd without native support).
   */
  public static LoadedData load(SparkSession spark, TrainConfig config, InputFormat format,
      List<FileStatus> files, BadRecords bad) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<FileStatus> nonEmpty = new ArrayList<>();
    boolean unreadableNames = false;
    boolean undecompressable = false;
    UnreadableCompression compression = new UnreadableCompression(jsc.hadoopConfiguration());
    for (FileStatus f : files) {
      InputError codecError;
      if (!InputFiles.readableName(f)) {
        bad.reject(InputFiles.unreadableName(f, BadRecords.SKIP_HINT));
        unreadableNames = true;
      } else if (f.getLen() == 0) {
        bad.reject(InputError.of(f.getPath().toString(),
            "the file is empty (0 bytes); delete it" + BadRecords.SKIP_HINT));
      } else if (format != InputFormat.PARQUET
          && (codecError = compression.problem(f, BadRecords.SKIP_HINT)) != null) {
        bad.reject(codecError); // before the blank check: Hadoop reads an lz4 tool's file as no text
        undecompressable = true;
      } else if (format != InputFormat.PARQUET && TextFiles.onlyBlankLines(jsc.hadoopConfiguration(), f)) {
        bad.reject(InputError.of(f.getPath().toString(),
            "the file holds no data (its text is empty or blank lines); delete it"
            + BadRecords.SKIP_HINT));
      } else {
        nonEmpty.add(f);
      }
    }
    if (nonEmpty.isEmpty()) {
      List<String> kinds = new ArrayList<>(List.of("empty"));
      if (unreadableNames) {
        kinds.add("has a name with a colon, which Hadoop cannot read");
      }
      if (undecompressable) {
        kinds.add("is compressed in a form Hadoop's codec for its name cannot read here");
      }
      String last = kinds.remove(kinds.size() - 1);
      throw InputError.of(config.data(), "every input file is " + (kinds.isEmpty() ? last
          : String.join(", ", kinds) + (kinds.size() > 1 ? ", or " : " or ") + last) + "; check --data");
    }
    // labels are checked as rows are read, so that a bad one has its file and line (Parquet: its row in the file)
    LabelRule labels = LabelRule.of(config.objective());
    FeatureLimit limit = FeatureLimit.ofThisDriver(jsc, config.optimization().optimizer());
    LoadedData data = switch (format) {
      case CSV -> CsvSource.load(jsc, nonEmpty, config.labelCol(), config.features(), config.partitions(),
          config.blockRows(), bad, config.read().delimiter(), config.read().header(), labels, config.weightCol());
      case PARQUET -> ParquetSource.load(spark, config.data(), nonEmpty, config.labelCol(),
          config.features(), config.read().numFeatures(), config.partitions(), config.blockRows(), bad, labels,
          limit, config.weightCol());
      case LIBSVM -> {
        if (config.labelCol() != null || !config.features().isEmpty()) {
          throw new UsageError("--label-col and --features choose CSV or Parquet columns; LIBSVM has the label "
              + "first and numbered features (use --num-features)");
        }
        if (config.weightCol() != null) {
          throw new UsageError("--weight-col names a CSV or Parquet column; LIBSVM rows hold a label and features "
              + "only: write the data with its weights as CSV or Parquet to weigh its rows");
        }
        yield LibsvmSource.load(jsc, nonEmpty, config.read().numFeatures(), config.read().zeroBased(),
            config.partitions(),
            config.blockRows(), bad, labels, limit);
      }
    };
    if (format != InputFormat.LIBSVM) {
      // the columns read: a vector's own name, not its slots' (SlotNames)
      List<String> read = new ArrayList<>(data.featuresColumn() != null ? List.of(data.featuresColumn())
          : data.featureNames());
      read.add(data.labelName());
      if (data.weightName() != null) {
        read.add(data.weightName());
      }
      List<String> unread = new ArrayList<>(data.unread());
      unread.addAll(PartitionFolders.unread(nonEmpty, read));
      data = data.withUnread(unread);
    }
    if (config.read().precision() == Precision.FLOAT32) {
      // rounded as each block is made, in the same stage: no double copy is ever cached (nor shuffled)
      data = data.withBlocks(data.blocks().map(b -> b instanceof DenseBlock d ? DenseFloatBlock.of(d) : b));
    }
    if (config.optimization().shuffleRows()) {
      data = data.withBlocks(RowShuffle.shuffle(data.blocks(), data.blocks().getNumPartitions(), config.blockRows(),
          config.optimization().seed()));
    }
    data.blocks().setName("training blocks (" + config.data() + ")");
    data.blocks().persist(StorageLevel.fromString(config.storageLevel()));
    return data;
  }
}
