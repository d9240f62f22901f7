package sparkdgd.train;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.checkpoint.CheckpointStore;
import sparkdgd.checkpoint.Fingerprint;
import sparkdgd.config.InputFormat;
import sparkdgd.config.TrainConfig;
import sparkdgd.data.BadRecords;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.optim.LearningRateEstimator;
import sparkdgd.output.LinearModel;

/** One training run on a Spark session: load and cache, scale, pick the step, train, unpersist. */
public final class TrainingJob {
  private TrainingJob() {}

  /** Everything that changes the arithmetic of training, for checkpoint fingerprints. */
  private static Fingerprint fingerprint(TrainConfig config, InputFormat format, List<FileStatus> files,
      LoadedData data, int partitions) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("format", format.toString());
    settings.put("label", data.labelName());
    settings.put("features", String.join(",", data.featureNames()));
    settings.put("standardize", Boolean.toString(config.standardize()));
    settings.put("partitions", Integer.toString(partitions));
    settings.put("blockRows", Integer.toString(config.blockRows()));
    settings.put("learningRate", config.learningRate().toString());
    settings.put("read", config.read().toString()); // precision, bad-record policy, CSV and LIBSVM options
    return Fingerprint.of(files, settings);
  }

  public static TrainingSummary run(SparkSession spark, TrainConfig config, ProgressListener listener) {
    return run(spark, config, listener, TrainedDataVisitor.NONE);
  }

  /** As {@link #run(SparkSession, TrainConfig, ProgressListener)}; {@code after} sees the cached blocks last. */
  public static TrainingSummary run(SparkSession spark, TrainConfig config, ProgressListener listener,
      TrainedDataVisitor after) {
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<FileStatus> files = InputFiles.list(jsc.hadoopConfiguration(), config.data());
    InputFormat format = config.format() != null ? config.format() : InputFiles.inferFormat(config.data(), files);
    BadRecords bad = BadRecords.create(jsc, config.read().onBadRecord());
    LoadedData data = DataLoader.load(spark, config, format, files, bad);
    JavaRDD<Block> blocks = data.blocks();
    try {
      jsc.setJobDescription("read and cache " + config.data() + "; feature means");
      ColumnStatistics stats = ColumnStatistics.meansOnly(blocks, data.dims());
      // read right after the pass that parsed the input: a later recomputation would count again
      BadRecords.Report skipped = bad.snapshot(jsc.hadoopConfiguration());
      if (skipped.skipped() > 0) {
        listener.skippedRecords(skipped.skipped(), skipped.examples());
      }
      if (stats.rows() == 0) {
        throw InputError.of(config.data(), "the input has no data rows; check --data");
      }
      listener.dataReady(stats.rows(), blocks.getNumPartitions(), data.dims());
      for (org.apache.spark.storage.RDDInfo info : jsc.sc().getRDDStorageInfo()) {
        if (info.id() == blocks.id()) {
          listener.cacheStored(config.storageLevel(), info.memSize(), info.diskSize());
        }
      }
      FeatureScaling scaling = FeatureScaling.identity(data.dims());
      if (config.standardize()) {
        jsc.setJobDescription("feature standard deviations");
        stats = ColumnStatistics.withDeviations(blocks, stats);
        scaling = FeatureScaling.standardize(stats.featureMeans(), stats.featureStd());
      }
      jsc.setJobDescription(null);
      DistributedLoss loss = new DistributedLoss(jsc, blocks, scaling, stats.rows());

      Checkpointer checkpoints = Checkpointer.NONE;
      TrainingState resumeFrom = null;
      if (config.checkpointing().enabled()) {
        CheckpointStore store = CheckpointStore.open(jsc.hadoopConfiguration(), config.checkpointing().dir(),
            config.checkpointing().every(), fingerprint(config, format, files, data, blocks.getNumPartitions()),
            listener::warning);
        if (config.checkpointing().resume()) {
          resumeFrom = store.latest().orElse(null);
          if (resumeFrom == null) {
            listener.warning("no checkpoint in " + config.checkpointing().dir() + "; starting from zero");
          }
        }
        checkpoints = store;
      }
      double learningRate = config.learningRate().value();
      if (resumeFrom != null) {
        learningRate = resumeFrom.learningRate();
      } else if (config.learningRate().auto()) {
        LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(loss);
        learningRate = e.learningRate();
        listener.learningRateEstimated(e.largestEigenvalue(), e.passes(), learningRate);
      }
      Trainer.Result result = new Trainer(config.epochs(), learningRate, config.tol(), listener)
          .run(loss, resumeFrom, checkpoints);
      double[] raw = scaling.toRaw(result.theta());
      double[] coefficients = java.util.Arrays.copyOf(raw, data.dims());
      LinearModel model = new LinearModel(data.featureNames(), coefficients, raw[data.dims()], data.labelName());
      after.visit(blocks, model, stats.rows());
      return new TrainingSummary(model, format, result.history(), result.stopReason(), learningRate,
          config.learningRate().auto(), stats.rows(), blocks.getNumPartitions(),
          (System.nanoTime() - start) / 1e9, skipped.skipped());
    } finally {
      jsc.setJobDescription(null);
      blocks.unpersist(false);
    }
  }
}
