package sparkdgd.train;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.config.InputFormat;
import sparkdgd.config.TrainConfig;
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
    LoadedData data = DataLoader.load(spark, config, format, files);
    JavaRDD<Block> blocks = data.blocks();
    try {
      jsc.setJobDescription("read and cache " + config.data() + "; feature means");
      ColumnStatistics stats = ColumnStatistics.meansOnly(blocks, data.dims());
      if (stats.rows() == 0) {
        throw InputError.of(config.data(), "the input has no data rows; check --data");
      }
      listener.dataReady(stats.rows(), blocks.getNumPartitions(), data.dims());
      FeatureScaling scaling = FeatureScaling.identity(data.dims());
      if (config.standardize()) {
        jsc.setJobDescription("feature standard deviations");
        stats = ColumnStatistics.withDeviations(blocks, stats);
        scaling = FeatureScaling.standardize(stats.featureMeans(), stats.featureStd());
      }
      jsc.setJobDescription(null);
      DistributedLoss loss = new DistributedLoss(jsc, blocks, scaling, stats.rows());

      double learningRate = config.learningRate().value();
      if (config.learningRate().auto()) {
        LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(loss);
        learningRate = e.learningRate();
        listener.learningRateEstimated(e.largestEigenvalue(), e.passes(), learningRate);
      }
      Trainer.Result result = new Trainer(config.epochs(), learningRate, config.tol(), listener).run(loss);
      double[] raw = scaling.toRaw(result.theta());
      double[] coefficients = java.util.Arrays.copyOf(raw, data.dims());
      LinearModel model = new LinearModel(data.featureNames(), coefficients, raw[data.dims()], data.labelName());
      after.visit(blocks, model, stats.rows());
      return new TrainingSummary(model, format, result.history(), result.stopReason(), learningRate,
          config.learningRate().auto(), stats.rows(), blocks.getNumPartitions(),
          (System.nanoTime() - start) / 1e9);
    } finally {
      jsc.setJobDescription(null);
      blocks.unpersist(false);
    }
  }
}
