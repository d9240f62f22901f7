package sparkdgd.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockPasses;
import sparkdgd.block.CacheStatus;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.block.ValidationSplit;
import sparkdgd.checkpoint.CheckpointDirectory;
import sparkdgd.checkpoint.CheckpointLock;
import sparkdgd.checkpoint.CheckpointStore;
import sparkdgd.checkpoint.Fingerprint;
import sparkdgd.config.BlockSize;
import sparkdgd.config.ClassWeights;
import sparkdgd.config.InputFormat;
import sparkdgd.config.LabelClasses;
import sparkdgd.config.LearningRate;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.Precision;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.RegParamGrid;
import sparkdgd.config.TrainConfig;
import sparkdgd.config.UsageError;
import sparkdgd.data.BadRecords;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;
import sparkdgd.data.InputListing;
import sparkdgd.data.LoadedData;
import sparkdgd.data.NoRowsLeft;
import sparkdgd.data.SlotNames;
import sparkdgd.data.TooManyBadRecords;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.optim.AveragedIterates;
import sparkdgd.optim.GradientDescent;
import sparkdgd.optim.Lbfgs;
import sparkdgd.optim.Nesterov;
import sparkdgd.optim.Objective;
import sparkdgd.optim.Optimizer;
import sparkdgd.optim.Regularization;
import sparkdgd.optim.StepSchedule;
import sparkdgd.optim.LearningRateEstimator;
import sparkdgd.output.Counts;
import sparkdgd.output.LinearModel;
import sparkdgd.resident.ResidentTasks;
import sparkdgd.score.ClassificationMetrics;
import sparkdgd.score.SavedModel;

/** One training run on a Spark session: load and cache, scale, pick the step, train, unpersist. */
public final class TrainingJob {
  /** How long resident tasks may take to start and connect before the passes run as jobs. */
  static final double RESIDENT_START_SECONDS = 60;
  /** Automatic partitions more than this many times the default parallelism, ... */
  static final int MANY_PARTITIONS_PER_CORE = 4;
  /** ... and under this many bytes of cached blocks each on average, get a warning ({@link #warnManySmallPartitions}). */
  static final long SMALL_PARTITION_BYTES = 4L << 20;
  /** The cached bytes per partition that warning advises at most, as the input's splits are at most 128 MiB. */
  static final long PARTITION_BYTES = 128L << 20;
  private TrainingJob() {}

  /** Everything that changes the arithmetic of training, for checkpoint fingerprints. */
  private static Fingerprint fingerprint(TrainConfig config, InputFormat format, List<FileStatus> files,
      LoadedData data, int partitions) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("format", format.toString());
    settings.put("label", data.labelName());
    if (data.weightName() != null) { // held only when given, so that checkpoints of runs before --weight-col resume
      settings.put("weight", data.weightName());
    }
    // a vector column's features by place, x1..xD, as before its slots' names were read (SlotNames): earlier
    // checkpoints of such data still resume
    settings.put("features", String.join(",", data.featuresColumn() != null ? SlotNames.positional(data.dims())
        : data.featureNames()));
    settings.put("standardize", Boolean.toString(config.standardize()));
    if (optimizesStandardized(config) != config.standardize()) { // checkpoints of raw parameters do not fit
      settings.put("optimizedOn", "scaled features (trainers before 2026-12-03 used raw ones here)");
    }
    settings.put("partitions", Integer.toString(partitions));
    // the rows a block holds, as cached: 4096 where no --block-rows was given, as before it was chosen by the
    // features (BlockSize), so earlier checkpoints of fewer than 16 features still resume
    settings.put("blockRows", Integer.toString(BlockSize.rows(data.dims(), config.blockRows(),
        format == InputFormat.LIBSVM)));
    settings.put("learningRate", config.learningRate().toString());
    // precision, bad-record policy, CSV and LIBSVM options; zero-based indices a setting of their own, held only when
    // given for LIBSVM input, so that checkpoints of runs before --zero-based still resume, and an idle --zero-based
    // on CSV or Parquet input does not stop a resume
    ReadOptions r = config.read();
    settings.put("read", r.fingerprintText());
    if (r.zeroBased() && format == InputFormat.LIBSVM) {
      settings.put("zeroBased", "true");
    }
    LossSettings objective = config.objective();
    // as it was written before --fit-intercept, so that checkpoints of those runs still resume
    settings.put("objective", String.format("LossSettings[loss=%s, huberDelta=%s, regParam=%s, elasticNet=%s]",
        objective.loss(), objective.huberDelta(), objective.regParam(), objective.elasticNet()));
    if (!objective.fitIntercept()) {
      settings.put("fitIntercept", "false");
    }
    if (!objective.classes().isDefault()) { // held only when given, as fitIntercept
      settings.put("classes", objective.classes().flagValue());
    }
    if (!objective.classWeights().none()) { // held only when given: balanced's weights follow from the data
      settings.put("classWeight", objective.classWeights().toString());
    }
    OptimizerSettings o = config.optimization();
    settings.put("optimizer", o.optimizer() + " batch " + o.batchFraction() + " " + o.schedule() + " every "
        + o.stepEvery() + " seed " + o.seed() + " validation " + o.validationFraction()
        + (o.miniBatch() ? " evaluate every " + config.logEvery() : "")
        + (o.batchRunRows() > 1 ? " runs of " + o.batchRunRows() : "") + (o.shuffleRows() ? " shuffled" : "")
        + (o.averaged() ? " averaged from " + o.averageFrom() : "")); // the optimizer's state holds the mean
    // the seed draws the mini-batches and the validation split, and nothing else: without them any seed resumes
    return Fingerprint.of(files, settings, o.miniBatch() || o.validationFraction() > 0);
  }

  /**
   * Whether the optimizer works on standardized features: with {@code --standardize true}, and whenever the
   * learning rate is ours to choose. Without standardization that is only a change of variables, as in Spark
   * ML, which always optimizes on scaled features: the minimiser is the same (the penalty stays on the raw
   * weights, {@link #penalty}), reached in far fewer epochs when the features' scales differ. A learning rate
   * given by hand keeps its meaning with {@code --standardize false}: a step on the raw weights.
   */
  public static boolean optimizesStandardized(TrainConfig config) {
    return config.standardize() || config.learningRate().auto();
  }

  public static TrainingSummary run(SparkSession spark, TrainConfig config, ProgressListener listener) {
    return run(spark, config, listener, TrainedDataVisitor.NONE);
  }

  /** As {@link #run(SparkSession, TrainConfig, ProgressListener)}; {@code after} sees the cached blocks last. */
  public static TrainingSummary run(SparkSession spark, TrainConfig asGiven, ProgressListener listener,
      TrainedDataVisitor after) {
    return run(spark, asGiven, listener, after, ReadWatch.Timing.DEFAULT);
  }

  /** As {@link #run(SparkSession, TrainConfig, ProgressListener, TrainedDataVisitor)}; {@code reading} times the
   *  {@link ProgressListener#reading} reports of the first pass (tests give short ones). */
  static TrainingSummary run(SparkSession spark, TrainConfig asGiven, ProgressListener listener,
      TrainedDataVisitor after, ReadWatch.Timing reading) {
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SettingsWithoutEffect.warnings(jsc.isLocal(), asGiven.storageLevel(), jsc.getConf()).forEach(listener::warning);
    if (!asGiven.checkpointing().enabled()) {
      return run(spark, asGiven, listener, after, reading, start, jsc, null, null);
    }
    // the checkpoint directory is checked and held before any data is read, not at the first checkpoint: a second run
    // given it is refused at once, not after loading its data, and told of the run that holds it, not of checkpoints
    CheckpointDirectory checkpointDir = CheckpointDirectory.open(jsc.hadoopConfiguration(),
        asGiven.checkpointing().dir());
    try (CheckpointLock lock = CheckpointStore.hold(checkpointDir, listener::warning)) {
      if (!asGiven.checkpointing().resume()) {
        CheckpointStore.refuseOldCheckpoints(checkpointDir);
      }
      return run(spark, asGiven, listener, after, reading, start, jsc, checkpointDir, lock);
    }
  }

  /**
   * The run, from listing the input on, with {@code checkpointDir} (null: no checkpoints) held by {@code lock} (the
   * caller releases it).
   */
  private static TrainingSummary run(SparkSession spark, TrainConfig asGiven, ProgressListener listener,
      TrainedDataVisitor after, ReadWatch.Timing reading, long start, JavaSparkContext jsc,
      CheckpointDirectory checkpointDir, CheckpointLock lock) {
    List<FileStatus> files = InputFiles.list(jsc.hadoopConfiguration(), asGiven.data());
    InputFormat format = asGiven.format() != null ? asGiven.format() : InputFiles.inferFormat(asGiven.data(), files);
    // the CSV delimiter, when not given, by the files' names (.tsv: a tab)
    TrainConfig config = asGiven.withRead(asGiven.read().settled(
        () -> format == InputFormat.CSV && InputFiles.tabSeparated(asGiven.data(), files)));
    BadRecords bad = BadRecords.create(jsc, config.read().onBadRecord());
    // a model to start from is read first, so that a wrong one fails before the data is read; with --resume only
    // once no checkpoint takes precedence (startFrom), since a checkpoint makes the starting model irrelevant
    boolean initFirst = config.initModel() != null && !config.checkpointing().resume();
    LinearModel init = initFirst
        ? SavedModel.read(jsc.hadoopConfiguration(), config.initModel(), "--init-model") : null;
    LoadedData data;
    if (format == InputFormat.LIBSVM && config.read().numFeatures() == 0) {
      // a whole pass over the text before the first (LargestIndex): as long as it, and as worth telling
      try (ReadWatch watch = ReadWatch.start(jsc.sc(), -1, inputBytes(format, files), ReadWatch.InputKind.TEXT,
          reading, status -> listener.reading(status.of(ReadStatus.Pass.FEATURE_COUNT)))) {
        data = DataLoader.load(spark, config, format, files, bad);
      }
    } else {
      data = DataLoader.load(spark, config, format, files, bad);
    }
    double[] initRaw = init == null ? null : initialRaw(init, config, data);
    StorageLevel level = StorageLevel.fromString(config.storageLevel());
    OptimizerSettings opt = config.optimization();
    JavaRDD<Block> all = data.blocks();
    JavaRDD<Block> blocks = all;
    JavaRDD<Block> held = null;
    if (opt.validationFraction() > 0) {
      ValidationSplit.Parts parts = ValidationSplit.split(all, opt.validationFraction(), opt.seed(), level);
      blocks = parts.training();
      held = parts.validation();
    }
    CheckpointStore openedStore = null;
    JobWatch jobs = null; // once the data is read (its own pass has ReadWatch)
    ExecutorLossWatch losses = null;
    try {
      // LIBSVM is read into sparse blocks; every other input into dense ones, built as doubles
      listener.caching(blocks.getNumPartitions(), format == InputFormat.LIBSVM ? -1
          : (long) BlockSize.denseRows(data.dims(), config.blockRows()) * data.dims() * Double.BYTES);
      jsc.setJobDescription("read and cache " + config.data() + "; feature means");
      ColumnStatistics stats;
      try (ReadWatch watch = ReadWatch.start(jsc.sc(), blocks.id(), inputBytes(format, files),
          format == InputFormat.PARQUET ? ReadWatch.InputKind.PARQUET : ReadWatch.InputKind.TEXT, reading,
          status -> listener.reading(opt.shuffleRows() ? status.rowsShuffled() : status))) {
        stats = ColumnStatistics.meansOnly(blocks, data.dims());
      }
      // read right after the pass that parsed the input: a later recomputation would count again
      BadRecords.Report skipped = bad.snapshot(jsc.hadoopConfiguration());
      if (stats.rows() == 0) {
        listSkipped(listener, skipped, false);
        long heldRows = held == null ? 0 : held.map(b -> (long) b.rows()).fold(0L, Long::sum);
        if (heldRows > 0) {
          throw new UsageError(String.format(Locale.ROOT, "--validation-fraction %s held out all %,d rows of %s,"
              + " leaving none to train on; use a smaller --validation-fraction", opt.validationFraction(), heldRows,
              config.data()));
        }
        throw NoRowsLeft.error(config.data(), "to train on", skipped);
      }
      if (!(stats.weightTotal() > 0) || !Double.isFinite(stats.weightTotal())) {
        throw InputError.of(config.data(), String.format(Locale.ROOT, "the weights of the %,d rows (--weight-col "
            + "\"%s\") add up to %s; training needs some rows of weight above 0 and a finite sum: check the column",
            stats.rows(), data.weightName(), stats.weightTotal()));
      }
      long validationRows = 0;
      if (held != null) {
        try {
          validationRows = cacheValidation(jsc, held, data.dims(), opt.validationFraction(), stats.rows());
        } catch (RuntimeException noneHeldOut) {
          listSkipped(listener, skipped, false);
          throw noneHeldOut;
        }
        release(all);
      }
      // the held-out rows were read too; checked before the records are listed: the error names the count and the first
      TooManyBadRecords.check(config.read().maxBadRecords(), skipped, stats.rows() + validationRows, config.data());
      listSkipped(listener, skipped, config.read().maxBadRecords().limits());
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      listener.dataReady(stats.rows(), validationRows, blocks.getNumPartitions(), data.dims(), loadSeconds);
      jobs = JobWatch.start(jsc.sc(), ReadWatch.Timing.DEFAULT, listener::stillRunning);
      losses = ExecutorLossWatch.start(jsc.sc(), listener::warning);
      if (format != InputFormat.LIBSVM) {
        String chosenBy = labelChosenBy(config.labelCol(), data.labelName(), format);
        listener.label(data.labelName(), chosenBy);
        if (data.weightName() != null) {
          listener.weights(data.weightName(), stats.weightTotal(), stats.rows());
        }
        LabelLikeColumn.warning(data.labelName(), chosenBy, data.featureNames(), data.featuresColumn() != null)
            .ifPresent(listener::doubt);
        sparkdgd.data.HiddenCharacter.notUtf8Names(data.featureNames(), data.labelName()).ifPresent(listener::doubt);
      }
      if (!data.unread().isEmpty()) {
        listener.columnsNotRead(data.unread());
        List<String> notNumbers = data.unread().stream()
            .filter(c -> c.endsWith(LoadedData.NOT_NUMBERS)).toList();
        // a column whose type changed drops out of the model (a review: exit 0, MSE x3.6); not where the features are
        // a vector column's, whatever else the file holds
        if (!notNumbers.isEmpty() && data.featuresColumn() == null) {
          listener.doubt("not trained on, as they hold no numbers: " + String.join(", ", notNumbers) + "; if one "
              + "should be a feature, write it as numbers; pass --features to name the columns to train on (then "
              + "others are not warned of)");
        }
      }
      CacheStatus cache = reportCache(listener, config.storageLevel(), blocks);
      if (!SettingsWithoutEffect.offHeapWithoutMemory(config.storageLevel(), jsc.getConf())) { // said before the read
        BlocksOnDisk.warning(cache, config.storageLevel(), jsc.isLocal(), config.read().precision(),
            format != InputFormat.LIBSVM).ifPresent(listener::warning);
      }
      List<String> kernels = reportKernel(jsc, listener, blocks, config.read().precision(),
          config.objective().loss(), opt);
      int features = data.dims();
      // a --reg-param search's checks before training take its smallest strength (config's), the deviations its
      // largest's; the warnings of those that depend on the penalty are told once a value is chosen, if they hold for
      // it (the model written), with the condition they hold under
      RegParamGrid search = config.regParamSearch();
      Map<String, Predicate<LossSettings>> penaltyDoubts = new LinkedHashMap<>();
      // logistic without a penalty: the features on one side of the classes, whose pass also finds those present
      OneSidedFeatures sides = null;
      if (OneSidedFeatures.apply(config.objective()) && data.dims() > 0) {
        jsc.setJobDescription("features on one side of the classes");
        sides = OneSidedFeatures.of(blocks, data.dims());
      }
      java.util.BitSet present = null; // the features holding a value, where sparse blocks may leave some empty
      if (data.dims() > 0 && !blocks.filter(b -> !b.isDense()).isEmpty()) { // sparse blocks: features may hold nothing
        jsc.setJobDescription("features holding a value");
        AbsentFeatures absent = sides != null ? new AbsentFeatures(sides.present(), data.dims())
            : AbsentFeatures.of(blocks, data.dims());
        present = absent.present();
        absent.zeroBasedWarning(data.featureNames(), config.read().zeroBased()).ifPresent(listener::doubt);
        absent.mostlyAbsentNotice(data.featureNames(), config.read().numFeatures() > 0, format == InputFormat.LIBSVM)
            .ifPresent(listener::warning);
        features = absent.presentCount();
      }
      if (!search.searches()) { // else for the value chosen
        FewRows.warning(stats.rows(), features, data.dims(), config.objective().fitIntercept(), validationRows,
            config.objective().regParam(), config.objective().elasticNet()).ifPresent(listener::doubt);
      }
      FewRuns.warnings(opt, stats.rows()).forEach(listener::doubt);
      if (data.weightName() != null && config.objective().classWeights().none()) { // with class weights: below
        fewWeightedDraws(opt, stats.effectiveRows(), stats.rows(), "the weights (--weight-col \"" + data.weightName()
            + "\")", "W^2 / sum w^2").ifPresent(listener::doubt);
      }
      Optional<String> alikeLabels = AlikeNeighbours.warning(blocks, opt);
      alikeLabels.ifPresent(listener::doubt);
      warnEmptyPartitions(listener, config.partitions(), stats.rows());
      if (config.partitions() == 0 && !config.residentTasks()) { // chosen for the user; resident tasks run no task each
        warnManySmallPartitions(listener, cache, jsc.defaultParallelism());
      }
      BinaryLabels classRows = config.objective().loss() == LossKind.LOGISTIC
          ? checkBinaryLabels(blocks, config.data(), config.objective().classes(), listener) : null;
      boolean oneClass = classRows != null && !classRows.bothClasses();
      // --class-weight balanced: its weights from the classes' rows
      LossSettings lossSettings = classRows == null ? config.objective() : config.objective().withClassWeights(
          config.objective().classWeights().forRows(classRows.negatives(), classRows.positives()));
      double classFactor = classRows == null ? 1 : classRows.curvatureFactor(lossSettings.classWeights());
      if (!lossSettings.classWeights().none() && classRows.negatives() > 0 && classRows.positives() > 0) {
        listener.classWeights(lossSettings.classWeights(), classRows.negatives(), classRows.positives());
        fewWeightedDraws(opt, classRows.effectiveRows(lossSettings.classWeights()), stats.rows(), "the rows weighed "
            + "by their classes (--class-weight " + lossSettings.classWeights() + (data.weightName() == null ? ""
            : ", times --weight-col \"" + data.weightName() + "\"") + ")", "(sum c w)^2 / sum (c w)^2")
            .ifPresent(listener::doubt);
      }
      // a weight without a finite optimum: no distance to the optimum after training (one class has its own warning)
      Optional<String> oneSidedWarning = sides == null || oneClass ? Optional.empty()
          : sides.warning(data.featureNames());
      oneSidedWarning.ifPresent(doubtFor(search, listener, penaltyDoubts, s -> s.regParam() == 0));
      boolean oneSided = oneSidedWarning.isPresent();
      boolean standardized = optimizesStandardized(config);
      boolean deviationsKnown = standardized || lossSettings.regParam() > 0
          || search.searches() && search.largest() > 0;
      if (deviationsKnown) {
        jsc.setJobDescription("feature standard deviations");
        stats = ColumnStatistics.withDeviations(blocks, stats);
        if (config.read().precision() == Precision.FLOAT32) {
          warnCoarseFloats(listener, stats, data.featureNames());
        }
      }
      // R^2 against label variances computed apart: from a pass's label sums it cancels where labels are large
      double trainingLabelVariance = Double.NaN;
      double validationLabelVariance = Double.NaN;
      if (lossSettings.loss() != LossKind.LOGISTIC) {
        jsc.setJobDescription("label variances, for R^2");
        trainingLabelVariance = deviationsKnown ? stats.labelStd() * stats.labelStd()
            : ColumnStatistics.labelVariance(blocks, stats.labelMean());
        if (held != null) {
          validationLabelVariance = ColumnStatistics.labelVariance(held, ColumnStatistics.labelMean(held));
        }
        constantLabel(trainingLabelVariance, stats.labelMean(), stats.rows(), data.labelName(), data.weightName())
            .ifPresent(listener::doubt);
      }
      OverflowingColumns.refuse(blocks, stats, trainingLabelVariance, held, validationLabelVariance,
          data.featureNames(), data.labelName(), config.data());
      if (deviationsKnown) { // else no spreads were computed: raw coordinates divide by none
        UnderflowingColumns.refuse(blocks, stats, present, data.featureNames(), config.data());
      }
      if (!(lossSettings.regParam() * (1 - lossSettings.elasticNet()) > 0)) { // an L2 penalty chooses the split
        jsc.setJobDescription("collinear features");
        CollinearColumns.warning(blocks, stats.rows(), stats.featureMeans(), lossSettings.fitIntercept(),
            data.featureNames(), lossSettings.regParam() > 0).ifPresent(doubtFor(search, listener, penaltyDoubts,
                s -> !(s.regParam() * (1 - s.elasticNet()) > 0)));
      }
      // each strength's penalty and the coordinates the optimizer works in (with --standardize false they depend on
      // the penalty: hessianScales); the largest row there for the mini-batches' automatic step, when the step is
      // chosen (not on resuming from a checkpoint), before resident tasks start, which hold the cores
      JavaRDD<Block> trainingBlocks = blocks;
      // only raw features at the automatic step (hessianScales) have coordinates of the penalty's: else every value
      // of a search shares the first's, and the largest row there
      boolean scalingByPenalty = standardized && !config.standardize();
      List<Candidate> candidates = new ArrayList<>();
      for (double lambda : search.searches() ? search.values() : List.of(lossSettings.regParam())) {
        LossSettings settings = lossSettings.withRegParam(lambda);
        Candidate previous = candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
        FeatureScaling scaling;
        DoubleSupplier largestRowNorm;
        if (previous != null && !scalingByPenalty) {
          scaling = previous.scaling();
          largestRowNorm = previous.largestRowNorm();
        } else {
          FeatureScaling identity = FeatureScaling.identity(data.dims());
          FeatureScaling coordinates = standardized
              ? optimizerScaling(config.standardize(), settings, stats, data.dims())
              : settings.fitIntercept() ? identity : identity.withoutIntercept();
          scaling = coordinates;
          largestRowNorm = once(() -> {
            jsc.setJobDescription("the largest row, for the mini-batches' step");
            double norm = MiniBatchStep.largestRowNorm(trainingBlocks, coordinates);
            jsc.setJobDescription(null);
            return norm;
          });
          if (config.residentTasks() && config.learningRate().auto() && opt.batchFraction() < 1) {
            largestRowNorm.getAsDouble();
          }
        }
        candidates.add(new Candidate(settings, scaling, penalty(settings, config.standardize(), stats, scaling,
            data.dims()), largestRowNorm));
      }
      jsc.setJobDescription(null);
      PointLoss pointLoss = PointLoss.of(lossSettings);
      String startedFrom = config.initModel(); // the model epoch 0 started from, for model.json
      List<Fit> fits = new ArrayList<>();
      Candidate training = candidates.get(0); // the one in training, for the divergence error
      // the loss's largest curvature in each of the candidates' coordinates, estimated once for those sharing them
      Map<FeatureScaling, LearningRateEstimator.Estimate> estimates = new java.util.IdentityHashMap<>();
      if (search.searches() && config.initModel() != null) { // a review: the ranking was meaningless
        listener.warning("every model of the --reg-param search starts from --init-model " + config.initModel()
            + ": if that model was trained on some of the rows held out here, the validation losses favour values "
            + "whose models stay near it, and the choice is biased; search from zero (no --init-model), or hold out "
            + "rows it never saw");
      }
      TrainingDivergedException lastDiverged = null; // in a search, the last model's that diverged
      // resident tasks hold the cores while they are up: they close before anything else runs a job
      Optional<String> residentUnfit = Optional.empty();
      if (config.residentTasks()) { // the validation blocks too: the tasks hold those as well
        residentUnfit = BlocksOnDisk.forResidentTasks(cache, config.storageLevel(), "training");
        if (residentUnfit.isEmpty() && held != null) {
          residentUnfit = BlocksOnDisk.forResidentTasks(CacheStatus.of(held.rdd()), config.storageLevel(),
              "validation");
        }
      }
      residentUnfit.ifPresent(listener::warning);
      boolean residentTasks = config.residentTasks() && residentUnfit.isEmpty();
      try (ResidentTasks resident = residentTasks ? startResident(jsc, blocks, held, listener) : null) {
        BlockPasses passes = resident != null ? resident.passes(0) : BlockPass.jobs(blocks);
        BlockPasses validationPasses = held == null ? null : resident != null ? resident.passes(1)
            : BlockPass.jobs(held);
        Checkpointer checkpoints = Checkpointer.NONE;
        TrainingState resumeFrom = null;
        if (checkpointDir != null) {
          CheckpointStore store = CheckpointStore.open(checkpointDir, lock, config.checkpointing().every(),
              fingerprint(config, format, files, data, blocks.getNumPartitions()), listener::warning);
          openedStore = store; // closed when the run ends: the directory is this run's until then
          store.setInitModel(config.initModel());
          if (config.checkpointing().resume()) {
            resumeFrom = latestCheckpoint(store, config.checkpointing().dir(), config.epochs(), listener);
            startedFrom = store.initModel(); // the first run's, which the checkpoints record
          }
          checkpoints = new Checkpointer() {
            @Override
            public void epochDone(TrainingState state) {
              listener.checkpoint(store.of(state));
            }

            @Override
            public void runEnded(TrainingState state) {
              listener.checkpoint(store.atEnd(state));
            }
          };
        }
        for (int k = 0; k < candidates.size(); k++) {
          Candidate c = candidates.get(k);
          training = c;
          if (search.searches()) {
            listener.regParamCandidate(k + 1, candidates.size(), c.settings().regParam());
          }
          DistributedLoss loss = new DistributedLoss(jsc, passes, c.scaling(), stats.rows(), pointLoss)
              .withLabelVariance(trainingLabelVariance);
          DistributedLoss validation = held == null ? null : new DistributedLoss(jsc, validationPasses, c.scaling(),
              validationRows, pointLoss).withLabelVariance(validationLabelVariance);
          Objective objective = new Objective(loss, c.penalty());
          double curvatureBound = Double.NaN; // for GradientBound: where the optimizer's coordinates bound it
          if (standardized) {
            // class weights weigh the loss's curvature terms by at most BinaryLabels.curvatureFactor (not the
            // penalty's)
            curvatureBound = GradientBound.curvatureBound(2 * pointLoss.curvatureRelativeToSquared() * classFactor,
                data.dims(), lossSettings.fitIntercept(), c.penalty().curvature());
          }
          double learningRate = resumeFrom != null ? resumeFrom.learningRate()
              : learningRate(config.learningRate(), () -> estimates.computeIfAbsent(c.scaling(),
                  scaling -> estimateCurvature(loss, listener)), pointLoss, c.penalty(), listener, opt,
                  c.largestRowNorm(),
                  lossSettings.classWeights().none() ? stats.effectiveRows()
                      : classRows.effectiveRows(lossSettings.classWeights()));
          if (c.settings().hasL1()) { // its records hold the proximal gradient mapping at this step
            curvatureBound = GradientBound.forProximalStep(curvatureBound, learningRate);
          }
          Optimizer optimizer = optimizer(opt, learningRate, c.penalty());
          Trainer.Settings settings = new Trainer.Settings(config.epochs(), config.tol(), opt.gradientTol(),
              config.logEvery(), opt.batchFraction(), opt.batchRunRows(), opt.seed(), opt.patience(),
              opt.tolEvaluations());
          String remedy = config.learningRate().auto()
              ? Trainer.autoRateRemedy(learningRate, opt.batchFraction(), opt.schedule()) : Trainer.GIVEN_RATE_REMEDY;
          // each strength from the same start, as a run of it alone: one starting where a smaller penalty's ended
          // would have had more epochs than the others to converge in, and than the refit on all the rows
          double[] from = startFrom(initRaw, resumeFrom, c.scaling(), config, data, jsc, listener,
              classWeightedMean(stats.labelMean(), lossSettings.classWeights()));
          Trainer.Result result;
          try {
            result = new Trainer(settings, optimizer, learningRate, opt.optimizer() == OptimizerKind.GD, listener,
                remedy).run(objective, validation, resumeFrom, checkpoints, from);
          } catch (TrainingDivergedException diverged) {
            if (!search.searches()) {
              throw diverged;
            }
            // a search chooses among the others (a larger penalty, trained first, diverges first at a rate given)
            lastDiverged = diverged;
            listener.warning("--reg-param " + RegParamGrid.plain(c.settings().regParam()) + ": training diverged, "
                + "and its model is left out of the choice: " + diverged.getMessage());
            fits.add(new Fit(c, learningRate, curvatureBound, null, diverged.getMessage()));
            continue;
          }
          fits.add(new Fit(c, learningRate, curvatureBound, result, null));
        }
        if (fits.stream().allMatch(f -> f.result() == null)) {
          throw lastDiverged; // every value's: the last one's error, with the hint below
        }
      } catch (TrainingDivergedException e) {
        String which = search.searches() ? "--reg-param " + RegParamGrid.plain(training.settings().regParam())
            + " (of " + search + "): " : "";
        if (standardized) {
          throw which.isEmpty() ? e : new TrainingDivergedException(which + e.getMessage());
        }
        // after the resident tasks closed: the hint reads the blocks once more
        jsc.setJobDescription("feature mean squares, for the divergence error");
        throw new TrainingDivergedException(which + e.getMessage() + RawStepLimit.hint(blocks, stats,
            2 * pointLoss.curvatureRelativeToSquared() * classFactor, lossSettings.fitIntercept(),
            training.penalty().curvature(), config.learningRate().value(),
            data.featureNames(), lossSettings.loss() == LossKind.SQUARED));
      }
      RegParamSearch searched = null;
      Fit fit = fits.get(0);
      if (search.searches()) {
        searched = RegParamSearch.of(opt.validationFraction(), validationRows, stats.rows(),
            fits.stream().map(TrainingJob::searched).toList());
        fit = fits.get(searched.chosen());
        listener.regParamChosen(searched);
        searched.atAnEnd().ifPresent(listener::warning);
        searched.unfinished(config.epochs()).ifPresent(listener::doubt);
      }
      // the model kept: its settings, as a run of its strength alone would have them
      LossSettings chosenSettings = fit.candidate().settings();
      if (search.searches()) { // the checks that depend on the penalty, for the value chosen
        FewRows.warning(stats.rows(), features, data.dims(), chosenSettings.fitIntercept(), validationRows,
            chosenSettings.regParam(), chosenSettings.elasticNet()).ifPresent(listener::doubt);
        penaltyDoubts.forEach((message, holds) -> {
          if (holds.test(chosenSettings)) {
            listener.doubt(message);
          }
        });
      }
      // the warnings about the model trained: in a search, its value's model (a refit warns of its own)
      Consumer<String> aboutModel = !search.searches() ? listener::doubt : message -> listener.doubt("the search's "
          + "model of --reg-param " + RegParamGrid.plain(chosenSettings.regParam()) + ": " + message);
      Regularization penalty = fit.candidate().penalty();
      FeatureScaling scaling = fit.candidate().scaling();
      FeatureScaling scaled = scaling;
      double learningRate = fit.learningRate();
      double curvatureBound = fit.curvatureBound();
      Trainer.Result result = fit.result();
      // features on one side of the classes leave the weights without an optimum only without a penalty
      boolean unbounded = oneSided && chosenSettings.regParam() == 0;
      // a Huber delta far below the labels' spread holds back every optimizer alike: the remedy says so after its own
      String huber = chosenSettings.loss() == LossKind.HUBER
          ? EpochLimit.huberNote(chosenSettings.huberDelta(), Math.sqrt(trainingLabelVariance)) : "";
      String remedy = EpochLimit.remedy(opt.optimizer(), chosenSettings.hasL1(),
          config.learningRate().auto() ? Double.NaN : learningRate, opt.batchFraction() < 1, huber);
      // separated classes have no optimum to be far from: then that warning, in place of the epoch limit's; nor has
      // one class (the intercept alone grows), which the one-class warning before training has told; the gradient's
      // floor under the distance to the optimum where neither rule on how the objective moved has spoken
      if (!oneClass) {
        double scale = GradientBound.exactFitScale(result.startObjective(), result.history(), trainingLabelVariance);
        double traceBound = curvatureBound;
        double trainingRows = stats.weightTotal(); // the rows, or their weight
        // the data's own curvature only where this warning's turn comes and the trace's leaves it near its threshold
        DoubleSupplier bound = () -> tightestCurvature(traceBound, result, scale, config, chosenSettings, unbounded,
            data.dims(), trainingBlocks, scaled, trainingRows, 2 * pointLoss.curvatureRelativeToSquared(),
            penalty.curvature(), jsc);
        // with features on one side of the classes (told before training) the weights have no optimum to measure a
        // distance to: not the gradient's floor nor the coefficients' drift, which would blame those weights' growth;
        // the objective still moving at --epochs, or the step's decay, still tell of the others
        SeparatedClasses.warning(chosenSettings, result.last())
            .or(() -> EpochLimit.warning(result.iterateHistory(), result.startObjective(), result.stopReason(),
                config.epochs(), config.tol(), opt.batchFraction() < 1, remedy))
            .or(() -> unbounded ? Optional.empty()
                : GradientBound.warning(result.last(), result.stopReason(), config.tol(), scale,
                    bound.getAsDouble(), remedy))
            .or(() -> DecayedStep.warning(result.stopReason(), opt.schedule(), learningRate, opt.stepEvery(),
                result.last() == null ? 0 : result.last().epoch()))
            .or(() -> unbounded ? Optional.empty() : CoefficientDrift.warning(result, opt, chosenSettings.hasL1(),
                config.tol(), learningRate, config.epochs(), remedy))
            .ifPresent(aboutModel);
      }
      double[] raw = scaling.toRaw(result.theta());
      double[] coefficients = java.util.Arrays.copyOf(raw, data.dims());
      LinearModel model = new LinearModel(data.featureNames(), coefficients, raw[data.dims()], data.labelName(),
          chosenSettings.loss(), chosenSettings.classes(), data.featuresColumn(),
          chosenSettings.loss() == LossKind.HUBER ? chosenSettings.huberDelta() : Double.NaN);
      if (alikeLabels.isEmpty()) {
        AlikeNeighbours.residualWarning(blocks, opt, coefficients, raw[data.dims()], pointLoss)
            .ifPresent(aboutModel);
      }
      after.visit(blocks, model, stats.rows());
      double seconds = (System.nanoTime() - start) / 1e9;
      return new TrainingSummary(model, format, result.history(), result.stopReason(), learningRate,
          config.learningRate().auto(), stats.rows(), blocks.getNumPartitions(), seconds, loadSeconds,
          skipped.skipped(), result.last(), result.passes(),
          validationRows, result.bestValidation(), startedFrom, kernels, InputListing.of(files),
          result.averagedIterates(), chosenSettings.classWeights(),
          searched == null ? null : searched.withSeconds(seconds));
    } finally {
      if (jobs != null) {
        jobs.close(); // before the lock: its release may throw (a stopped SparkContext)
      }
      if (losses != null) {
        losses.close();
      }
      if (openedStore != null) {
        openedStore.close(); // first of the releases: one below that throws must not keep the lock
      }
      jsc.setJobDescription(null);
      release(blocks);
      release(all);
      release(held);
    }
  }

  /**
   * One penalty strength to train with: its loss settings, the optimizer's coordinates, the penalty in them, and the
   * largest row's norm there (for the mini-batches' automatic step; computed when asked, or before resident tasks).
   */
  private record Candidate(LossSettings settings, FeatureScaling scaling, Regularization penalty,
      DoubleSupplier largestRowNorm) {}

  /**
   * A candidate trained: the step it took, the curvature bound of its gradient floor, and what training gave (null,
   * with the error's message in {@code diverged}, when a search's training diverged).
   */
  private record Fit(Candidate candidate, double learningRate, double curvatureBound, Trainer.Result result,
      String diverged) {}

  /** What a search reports of {@code fit}. */
  private static RegParamSearch.Model searched(Fit fit) {
    double lambda = fit.candidate().settings().regParam();
    Trainer.Result r = fit.result();
    if (r == null) {
      return RegParamSearch.Model.diverged(lambda, fit.diverged());
    }
    int epochs = r.history().isEmpty() ? 0 : r.history().get(r.history().size() - 1).epoch();
    return new RegParamSearch.Model(lambda, r.last(), epochs, r.passes(), r.stopReason(), r.startObjective(), null);
  }

  /**
   * What to do with a warning that depends on the penalty: in a {@code search}, keep it for the value chosen, to be
   * told if it {@code holds} for it; else tell it.
   */
  private static Consumer<String> doubtFor(RegParamGrid search, ProgressListener listener,
      Map<String, Predicate<LossSettings>> kept, Predicate<LossSettings> holds) {
    return message -> {
      if (search.searches()) {
        kept.put(message, holds);
      } else {
        listener.doubt(message);
      }
    };
  }

  /**
   * The curvature bound {@link GradientBound}'s warning measures the distance to the optimum with: the trace's,
   * {@code traceBound}, or, where that leaves the warning silent and one {@code dims + 1} times lower would not (and
   * the run has no L1 penalty, at most {@link DataCurvature#MAX_FEATURES} features and no one-sided ones), the data's
   * own, from one more pass over {@code blocks}.
   */
  private static double tightestCurvature(double traceBound, Trainer.Result result, double scale, TrainConfig config,
      LossSettings lossSettings, boolean oneSided, int dims, JavaRDD<Block> blocks, FeatureScaling scaling, double rows,
      double lossCurvature, double l2Curvature, JavaSparkContext jsc) {
    if (lossSettings.hasL1() || dims > DataCurvature.MAX_FEATURES || oneSided || !lossSettings.classWeights().none()
        || !GradientBound.tighterCouldWarn(result.last(), result.stopReason(), config.tol(), scale, traceBound,
            lossCurvature + l2Curvature)) {
      return traceBound;
    }
    jsc.setJobDescription("the data's curvature, for the distance to the optimum");
    double ofData = GradientBound.curvatureOfData(lossCurvature, DataCurvature.largestEigenvalue(blocks, scaling, rows),
        l2Curvature);
    jsc.setJobDescription(null);
    return Math.min(traceBound, ofData);
  }

  /**
   * Mini-batches too small for the rows' weights: where a few rows weigh most, a batch of {@code --batch-fraction} of
   * the rows holds few rows' worth of weight ({@link ColumnStatistics#effectiveRows}; with {@code --class-weight}
   * {@link BinaryLabels#effectiveRows}, {@code formula} saying which), and its gradient is the heavy
   * rows' or, in most batches, the light ones' alone (a review's 20 rows of weight 1000 among 2,000 of weight 1, 0.1
   * batches: 27.7% above the minimum after 500 epochs).
   */
  static Optional<String> fewWeightedDraws(OptimizerSettings opt, double effectiveRows, long rows, String weights,
      String formula) {
    double perBatch = opt.batchFraction() * effectiveRows;
    if (opt.batchFraction() >= 1 || perBatch >= FEW_WEIGHTED_DRAWS) {
      return Optional.empty();
    }
    return Optional.of(String.format(java.util.Locale.ROOT, "%s are worth %.3g rows of weight 1 (%s of %,d rows), so "
        + "a batch of --batch-fraction %s holds about %.2g of them: its gradient is a few heavy rows' or the light "
        + "ones' alone, and the run can end far from the optimum; train with full batches (--batch-fraction 1) on such "
        + "weights", weights, effectiveRows, formula, rows, opt.batchFraction(), perBatch));
  }

  /** Below this many rows of weight 1 a batch, {@link #fewWeightedDraws} warns. */
  static final double FEW_WEIGHTED_DRAWS = 10;

  /**
   * A regression whose every training label is the same number (a variance of 0, or one within rounding of it): a
   * model of that constant, R^2 undefined, most often a label column read wrongly or exported empty (a review's
   * nightly export of a column of defaults trained and passed --fail-on-warning). Logistic labels have their own
   * warning (one class).
   */
  static Optional<String> constantLabel(double labelVariance, double labelMean, long rows, String labelName,
      String weightName) {
    if (labelVariance != 0 || rows < 2) {
      return Optional.empty();
    }
    if (weightName != null) { // a spread of 0 among the rows that weigh: one row of weight above 0, or one label
      return Optional.of(String.format(java.util.Locale.ROOT, "every label (\"%s\") of the training data's rows that "
          + "weigh more than 0 (--weight-col \"%s\") is %s, so the weighted R^2 is undefined and the model can only "
          + "learn that constant; check the weights, --label-col, or the data's export of those columns", labelName,
          weightName, sparkdgd.output.Counts.commonValue(labelMean, rows)));
    }
    return Optional.of(String.format(java.util.Locale.ROOT, "every label of the training data (\"%s\") is %s (%,d "
        + "rows), so R^2 is undefined and the model can only learn that constant; check --label-col, or the data's "
        + "export of that column", labelName, sparkdgd.output.Counts.commonValue(labelMean, rows), rows));
  }

  /** The input files' size, or -1 for Parquet, whose pass reads only the columns it needs. */
  static long inputBytes(InputFormat format, List<FileStatus> files) {
    return format == InputFormat.PARQUET ? -1 : files.stream().mapToLong(FileStatus::getLen).sum();
  }

  /**
   * How the default rule chose the label {@code label} ({@link sparkdgd.data.ColumnSelection#resolve}: y, else label,
   * else the last column; of a Parquet file with a vector column the last numeric one), or null when
   * {@code --label-col} named it. A default label of another name is the last column, which a header like
   * {@code target,x1,x2} makes a feature's: the console says so.
   */
  static String labelChosenBy(String labelCol, String label, InputFormat format) {
    if (labelCol != null) {
      return null;
    }
    if (label.equals("y") || label.equals("label")) {
      return "the column named " + label;
    }
    return format == InputFormat.PARQUET ? "the last numeric column" : "the last column";
  }

  /**
   * Float32 blocks round each value to the float spacing at its size: a feature whose mean is large against its
   * spread (1e6 + U(0, 1): steps of 0.0625 on a spread of 0.29) loses its signal, and its coefficient shrinks by the
   * rounding's share of its variance, {@code (step^2 / 12) / std^2}. Above 1e-5 (float32's accuracy on
   * well-scaled data) the run says so; the intercept, which carries the mean, moves more.
   */
  private static void warnCoarseFloats(ProgressListener listener, ColumnStatistics stats, List<String> names) {
    double[] means = stats.featureMeans();
    double[] std = stats.featureStd();
    for (int j = 0; j < means.length; j++) {
      double step = Math.ulp((float) Math.abs(means[j]));
      double share = step * step / 12 / (std[j] * std[j]);
      if (std[j] > 0 && share > 1e-5) {
        listener.doubt(String.format(Locale.ROOT, "--precision float32 rounds feature \"%s\" (mean %.6g, standard "
            + "deviation %.3g) to steps of %.3g: its coefficient shrinks by about %.1e relatively, and the intercept "
            + "moves more; use --precision float64, or centre the column before training", names.get(j), means[j],
            std[j], step, share));
      }
    }
  }

  /**
   * The internal parameters of the {@code --init-model}'s raw ones, or null (from zero) when there is none or a
   * checkpoint is resumed instead.
   */
  private static double[] startFrom(double[] initRaw, TrainingState resumeFrom, FeatureScaling scaling,
      TrainConfig config, LoadedData data, JavaSparkContext jsc, ProgressListener listener, double labelMean) {
    if (resumeFrom != null) {
      return null;
    }
    if (config.initModel() == null) {
      return InterceptStart.of(config.objective().loss(), labelMean, scaling, optimizesStandardized(config))
          .map(start -> {
            listener.interceptStart(start.description() + (data.weightName() == null ? ""
                : " weighted by \"" + data.weightName() + "\"") + (config.objective().classWeights().none() ? ""
                : (data.weightName() == null ? " weighted" : " and") + " by --class-weight"), start.intercept());
            return scaling.toInternal(start.raw(scaling.dims()));
          }).orElse(null);
    }
    double[] raw = initRaw != null ? initRaw : initialRaw(
        SavedModel.read(jsc.hadoopConfiguration(), config.initModel(), "--init-model"), config, data);
    listener.startsFrom(config.initModel());
    return scaling.toInternal(raw);
  }

  private static double[] initialRaw(LinearModel init, TrainConfig config, LoadedData data) {
    // a model trained on a vector column before its slots' names were read (SlotNames) names them x1..xD by place:
    // on a vector column it starts by place, not by those names, which the slots' own may reorder
    List<String> features = data.featuresColumn() != null && init.featuresColumn() != null
        && init.featureNames().equals(SlotNames.positional(data.dims())) ? init.featureNames() : data.featureNames();
    return InitialModel.raw(init, "--init-model " + config.initModel(), features,
        !config.features().isEmpty(), config.objective().loss(), config.objective().fitIntercept());
  }

  /**
   * Unpersists {@code rdd} unless it is not cached (any more). Without a validation split the training blocks
   * are {@code all} itself, and two requests to drop the same RDD race on the executors, one of which then
   * logs {@code ERROR ... Error in removing RDD 1: Block rdd_1_0 does not exist} with a stack trace after a
   * run that went well (seen once in a default run).
   */
  private static void release(JavaRDD<Block> rdd) {
    if (rdd != null && !StorageLevel.NONE().equals(rdd.getStorageLevel())) {
      rdd.unpersist(false);
    }
  }

  /** Tells {@code listener} of the records skipped, if any; {@code withinLimit}: within a --max-bad-records set. */
  private static void listSkipped(ProgressListener listener, BadRecords.Report skipped, boolean withinLimit) {
    if (skipped.skipped() > 0) {
      listener.skippedRecords(skipped.skipped(), skipped.examples(), withinLimit);
    }
  }

  /** Counts (and so caches) the held-out rows; holding out none of them is a usage error. */
  private static long cacheValidation(JavaSparkContext jsc, JavaRDD<Block> held, int dims, double fraction,
      long trainingRows) {
    jsc.setJobDescription("cache the validation rows");
    ColumnStatistics statistics = ColumnStatistics.meansOnly(held, dims);
    long rows = statistics.rows();
    if (rows == 0) {
      throw new UsageError("--validation-fraction " + fraction + " held out no row of the " + trainingRows
          + "; use a larger fraction or more data");
    }
    if (!(statistics.weightTotal() > 0)) { // every validation loss would be 0 / 0
      throw new UsageError(String.format(java.util.Locale.ROOT, "--validation-fraction %s held out %,d rows whose "
          + "weights (--weight-col) add up to 0, so they cannot validate; use a larger fraction, or check the "
          + "weights", fraction, rows));
    }
    return rows;
  }

  /** Resident tasks over the training blocks (passes(0)) and the validation blocks, if any (passes(1)). */
  private static ResidentTasks startResident(JavaSparkContext jsc, JavaRDD<Block> blocks, JavaRDD<Block> held,
      ProgressListener listener) {
    List<JavaRDD<Block>> sets = held == null ? List.of(blocks) : List.of(blocks, held);
    ResidentTasks tasks = ResidentTasks.start(jsc, sets, RESIDENT_START_SECONDS, listener::warning);
    if (tasks.resident()) {
      listener.residentTasks(tasks.tasks(), blocks.getNumPartitions(), held == null ? 0 : held.getNumPartitions());
    }
    return tasks;
  }

  /** The answer of {@link #reportKernel}'s job for a partition whose first block is sparse. */
  private static final String SPARSE = "sparse";

  /**
   * What the cached blocks hold and how the training's passes run over them, from one short job (each partition's
   * first block, where the JVM answers): over dense blocks the squared loss's full passes and long runs as the
   * executors say, everything else scalar; sparse blocks (LIBSVM, Parquet sparse vectors) keep doubles, so a
   * {@code --precision float32} given for them gets a warning.
   */
  private static List<String> reportKernel(JavaSparkContext jsc, ProgressListener listener, JavaRDD<Block> blocks,
      Precision precision, LossKind loss, OptimizerSettings opt) {
    List<String> told = new java.util.ArrayList<>(); // "float64 blocks: the squared loss runs ...", for model.json
    java.util.function.BiConsumer<String, List<String>> kernel = (held, kernels) -> {
      listener.kernel(held, kernels);
      kernels.forEach(k -> told.add(held + ": " + k));
    };
    String lossName = loss.name().toLowerCase(Locale.ROOT);
    jsc.setJobDescription("what the cached blocks hold and how the executors run the " + lossName + " loss");
    List<String> firstBlocks = blocks.mapPartitions(it -> !it.hasNext() ? Collections.<String>emptyIterator()
        : List.of(it.next().isDense() ? LossKernel.denseKernel() : SPARSE).iterator()).collect();
    if (firstBlocks.contains(SPARSE)) {
      if (precision == Precision.FLOAT32) {
        listener.warning("--precision has no effect on sparse input (LIBSVM, Parquet sparse vectors): its sparse "
            + "blocks keep doubles");
      }
      kernel.accept("sparse blocks (doubles)",
          List.of("the " + lossName + " loss runs scalar (sparse rows have no vector loop)"));
    }
    List<String> denseKernels = firstBlocks.stream().filter(k -> !k.equals(SPARSE)).distinct().sorted().toList();
    if (denseKernels.isEmpty()) {
      return told;
    }
    String dense = precision + " blocks";
    if (loss != LossKind.SQUARED) {
      kernel.accept(dense, List.of("the " + lossName + " loss runs scalar (the JDK's Vector API serves the squared "
          + "loss only)"));
    } else if (opt.batchFraction() < 1 && opt.batchRunRows() < LossKernel.VECTOR_MIN_RUN_ROWS) {
      kernel.accept(dense, List.of(String.format(Locale.ROOT, "the squared loss runs scalar (mini-batches "
          + "drawn %s; runs of %d rows or more go through the JDK's Vector API, e.g. --batch-run-rows 64)",
          opt.batchRunRows() == 1 ? "row by row" : "in runs of " + opt.batchRunRows() + " rows",
          LossKernel.VECTOR_MIN_RUN_ROWS)));
    } else {
      kernel.accept(dense, denseKernels.stream().map(k -> "the squared loss runs " + k).toList());
    }
    return told;
  }

  /** Tells the listener what the cache holds, and warns when partitions are missing from it; returns it. */
  private static CacheStatus reportCache(ProgressListener listener, String storageLevel, JavaRDD<Block> blocks) {
    CacheStatus cache = CacheStatus.of(blocks.rdd());
    listener.cacheStored(storageLevel, cache.memoryBytes(), cache.diskBytes());
    warnIfNotAllCached(listener, storageLevel, cache.cachedPartitions(), cache.partitions());
    return cache;
  }

  /**
   * The centring and scales of the optimizer's coordinates: the standard deviations with {@code --standardize
   * true}, else {@link #hessianScales} with the raw weights' L2 weight.
   */
  private static FeatureScaling optimizerScaling(boolean standardize, LossSettings loss, ColumnStatistics stats,
      int dims) {
    if (!loss.fitIntercept()) {
      // nothing is centred, so the squared loss's curvature along a feature is its mean square, not its variance
      double[] spread = rootMeanSquares(stats);
      double[] scales = standardize ? spread : hessianScales(spread, rawL2(loss, stats, dims));
      return FeatureScaling.standardize(new double[dims], scales).withoutIntercept();
    }
    if (standardize) {
      return FeatureScaling.standardize(stats.featureMeans(), stats.featureStd());
    }
    return FeatureScaling.standardize(stats.featureMeans(), hessianScales(stats.featureStd(), rawL2(loss, stats, dims)),
        stats.featureStd());
  }

  private static double rawL2(LossSettings loss, ColumnStatistics stats, int dims) {
    return penalty(loss, false, stats, FeatureScaling.identity(dims), dims).curvature();
  }

  /** Each feature's root mean square, {@code sqrt(mean(x^2)) = sqrt(mean^2 + variance)} (population variance). */
  static double[] rootMeanSquares(ColumnStatistics stats) {
    double[] means = stats.featureMeans();
    double[] std = stats.featureStd(); // divisor n
    double[] rms = new double[means.length];
    for (int j = 0; j < rms.length; j++) {
      rms[j] = Math.sqrt(means[j] * means[j] + std[j] * std[j]);
    }
    return rms;
  }

  /**
   * Scales for the optimizer's coordinates when the penalty is on the raw weights ({@code --standardize false}):
   * the square roots of the squared loss's Hessian diagonal over the centred features, {@code 2 std_j^2 + a}
   * with {@code a} the raw weights' L2 weight, halved. Dividing by the standard deviation alone would let a
   * penalty on a feature of small spread ({@code a / std_j^2} in those coordinates) set the step for all;
   * with no L2 part these are the standard deviations.
   */
  static double[] hessianScales(double[] std, double rawL2) {
    double[] scales = new double[std.length];
    for (int j = 0; j < std.length; j++) {
      scales[j] = Math.sqrt(std[j] * std[j] + rawL2 / 2);
    }
    return scales;
  }

  /**
   * The penalty with Spark ML's meaning: standard deviations with n - 1 (Spark's), the feature deviations
   * only when the features are standardized.
   */
  private static Regularization penalty(LossSettings loss, boolean standardize, ColumnStatistics stats,
      FeatureScaling scaling, int dims) {
    if (loss.regParam() <= 0) {
      return Regularization.none(dims);
    }
    double unbiased = stats.rows() > 1 ? stats.unbiasedFactor() : 1.0;
    double[] featureStd = null;
    if (standardize) {
      featureStd = stats.featureStd().clone();
      for (int j = 0; j < featureStd.length; j++) {
        featureStd[j] *= unbiased;
      }
    }
    return Regularization.of(loss, scaling, featureStd, stats.labelStd() * unbiased, stats.labelMean());
  }

  /** The newest checkpoint, refused when it is past {@code --epochs} (the run would report more than asked). */
  private static TrainingState latestCheckpoint(CheckpointStore store, String dir, int epochs,
      ProgressListener listener) {
    TrainingState latest = store.latest().orElse(null);
    if (latest == null) {
      listener.warning("no checkpoint in " + dir + (store.existed() ? "" : " (it did not exist, and was created: "
          + "check the path if a run saved checkpoints before)") + "; starting at epoch 0");
    } else if (latest.epoch() > epochs) {
      throw new UsageError("the newest checkpoint in " + dir + " is at epoch " + latest.epoch() + ", past --epochs "
          + epochs + "; raise --epochs to continue from it, or use another --checkpoint-dir");
    }
    return latest;
  }

  /** The largest eigenvalue of {@code loss}'s Hessian, by Lanczos passes, each told to {@code listener}. */
  private static LearningRateEstimator.Estimate estimateCurvature(DistributedLoss loss, ProgressListener listener) {
    long start = System.nanoTime();
    return LearningRateEstimator.estimate(loss, pass -> listener.learningRatePass(pass,
        LearningRateEstimator.MAX_PASSES, (System.nanoTime() - start) / 1e9));
  }

  /** {@code value}, computed at its first call only. */
  private static DoubleSupplier once(DoubleSupplier value) {
    double[] known = new double[1];
    boolean[] computed = new boolean[1];
    return () -> {
      if (!computed[0]) {
        known[0] = value.getAsDouble();
        computed[0] = true;
      }
      return known[0];
    };
  }

  /** The given step, or {@code --learning-rate auto}'s: one over the estimated curvature of the objective. */
  private static double learningRate(LearningRate given, Supplier<LearningRateEstimator.Estimate> estimate,
      PointLoss pointLoss, Regularization penalty, ProgressListener listener, OptimizerSettings opt,
      DoubleSupplier largestRowNorm, double rows) {
    if (!given.auto()) {
      return given.value();
    }
    LearningRateEstimator.Estimate e = estimate.get();
    double curvature = e.curvature(pointLoss.curvatureRelativeToSquared(), penalty.curvature());
    double learningRate = 1.0 / curvature;
    listener.learningRateEstimated(curvature, e.passes(), learningRate,
        e.settled() ? Double.NaN : e.lastChange());
    if (opt.batchFraction() < 1) {
      double single = 2 * pointLoss.curvatureRelativeToSquared() * largestRowNorm.getAsDouble() + penalty.curvature();
      // a batch drawn in runs of R rows (--batch-run-rows) is taken as R draws of a row: a run's curvature is the
      // mean of its rows', far below the largest row's unless neighbouring rows are alike (a file sorted by some
      // column), where runs are told to shuffle the rows (--shuffle-rows) whatever the step. Taking the runs as the
      // draws made the step of 0.01 batches in runs of 64 on 6,250 rows one over the largest row's curvature.
      // Rows with weights count as their effective number (W^2 / sum w^2): a batch's rows are weighed within it, so
      // a few heavy rows leave most batches to the light ones, whose curvature the whole objective's hardly shows
      double draws = opt.batchFraction() * rows;
      double batchCurvature = MiniBatchStep.curvature(curvature, single, rows, draws);
      if (batchCurvature > curvature) {
        learningRate = 1.0 / batchCurvature;
        listener.learningRateForBatches(batchCurvature, single, draws, learningRate);
      }
    }
    return learningRate;
  }

  private static Optimizer optimizer(OptimizerSettings opt, double learningRate, Regularization penalty) {
    StepSchedule schedule = new StepSchedule(opt.schedule(), learningRate, opt.stepEvery());
    return switch (opt.optimizer()) {
      case GD -> opt.averaged() ? new AveragedIterates(new GradientDescent(schedule, penalty), opt.averageFrom())
          : new GradientDescent(schedule, penalty);
      case NESTEROV -> new Nesterov(schedule, penalty);
      case LBFGS -> new Lbfgs(learningRate);
    };
  }

  /**
   * Warns when the first pass left some partitions of the blocks out of the cache: Spark then reads and
   * parses those partitions again in every epoch, silently.
   */
  static void warnIfNotAllCached(ProgressListener listener, String storageLevel, int cached, int partitions) {
    if (cached >= partitions) {
      return;
    }
    // the level that spills what does not fit, and keeps the blocks serialized if they were (MEMORY_ONLY_SER_2 to
    // MEMORY_AND_DISK_SER_2)
    String spilling = storageLevel.replace("MEMORY_ONLY", "MEMORY_AND_DISK");
    boolean spills = storageLevel.contains("DISK") || storageLevel.equals("OFF_HEAP"); // OFF_HEAP: memory and disk
    String fix = spills
        ? "check the free space of the executors' local directories (spark.local.dir), or give them more memory "
            + "(--executor-memory; in local mode --driver-memory)"
        : "use --storage-level " + spilling + " (what does not fit in memory spills to local disk"
            + (storageLevel.contains("_SER") ? ", serialized as now" : "") + "), or give the "
            + "executors more memory (--executor-memory; in local mode --driver-memory)";
    listener.warning(String.format(java.util.Locale.ROOT,
        "only %d of %d partitions of the training blocks are cached (--storage-level %s): the other %d are read "
            + "and parsed again in every epoch; %s", cached, partitions, storageLevel, partitions - cached, fix));
  }

  /** A --partitions above the row count leaves partitions empty, each still a task in every pass. */
  private static void warnEmptyPartitions(ProgressListener listener, int partitions, long rows) {
    if (partitions > rows) {
      listener.warning(String.format(java.util.Locale.ROOT, "--partitions %d for %s leaves at least %s empty, "
          + "each still a task in every pass; use --partitions %d or fewer, or leave it out",
          partitions, Counts.of(rows, "row"), Counts.of(partitions - rows, "partition"), rows));
    }
  }

  /**
   * Partitions chosen automatically (one per input file or split) that are many and small: more than
   * {@link #MANY_PARTITIONS_PER_CORE} times the default parallelism, and under {@link #SMALL_PARTITION_BYTES} of
   * cached blocks each on average. Every pass then runs that many tasks, each costing milliseconds of scheduling
   * for little work: 200 CSV files of 100 rows trained at 0.97 epochs/s in 200 partitions on local[2], 24 with
   * --partitions 2. The advice: the default parallelism, or one partition per {@link #PARTITION_BYTES} of cached
   * blocks if that gives more.
   */
  static void warnManySmallPartitions(ProgressListener listener, CacheStatus cache, int parallelism) {
    if (cache.cachedPartitions() == 0 || cache.partitions() <= MANY_PARTITIONS_PER_CORE * (long) parallelism) {
      return;
    }
    double bytes = cache.memoryBytes() + cache.diskBytes();
    double each = bytes / cache.cachedPartitions();
    if (each >= SMALL_PARTITION_BYTES) {
      return;
    }
    long bySize = (long) Math.ceil(each * cache.partitions() / PARTITION_BYTES);
    long p = Math.max(parallelism, bySize);
    String size = Counts.bytes(Math.round(each)); // under SMALL_PARTITION_BYTES: kB or MB
    listener.warning(String.format(Locale.ROOT, "the input was read into %,d partitions (one per file or split) of "
        + "%s of cached blocks each on average, more than %d times the default parallelism (%d): every pass runs "
        + "a task per partition, which costs more than the work in it; use --partitions %d (%s)", cache.partitions(),
        size, MANY_PARTITIONS_PER_CORE, parallelism, p, p == parallelism ? "the default parallelism"
            : "one per 128 MiB of cached blocks"));
  }

  /**
   * The share of class 1 in the loss: {@code labelMean}, class 1's share of the rows (or of their weight), with each
   * class's rows counted at its {@code --class-weight}; the log-odds of which is the intercept's optimum for
   * coefficients of zero.
   */
  static double classWeightedMean(double labelMean, ClassWeights classes) {
    if (classes.none()) {
      return labelMean;
    }
    double positive = classes.positive() * labelMean;
    return positive / (positive + classes.negative() * (1 - labelMean));
  }

  /**
   * The rows of each class of a logistic model's data.
   *
   * @param bothClasses whether rows of weight above 0 hold both classes
   * @param negatives   the rows of class 0, whatever their weights (scikit-learn's {@code balanced} counts so)
   * @param positives   the rows of class 1
   * @param weights     the sums of the rows' weights (1 without {@code --weight-col}) in class 0 and in class 1
   * @param squares     the sums of their squares, likewise
   */
  record BinaryLabels(boolean bothClasses, long negatives, long positives, double[] weights, double[] squares) {
    /**
     * How many rows of weight 1 the rows are worth as a sample once each weighs its class's weight too, {@code
     * (sum c w)^2 / sum (c w)^2} (Kish's, as {@link ColumnStatistics#effectiveRows}): the mini-batches' automatic step
     * takes the rows as that many draws. balanced weights on 5% positives make it about a fifth of the rows.
     */
    double effectiveRows(ClassWeights classes) {
      ClassWeights c = classes.overLarger();
      double total = c.negative() * weights[0] + c.positive() * weights[1];
      return total * total / (c.negative() * c.negative() * squares[0] + c.positive() * c.positive() * squares[1]);
    }

    /**
     * How much larger the class-weighted mean of positive terms can be than their mean weighed by the rows' own
     * weights: {@code max c * W / sum c W} (W the rows' weights' sum, {@code sum c W} the classes' weighted sums), at
     * most the larger class weight over the smaller; 1 without class weights. A bound on the data's curvature times
     * this bounds the class-weighted objective's (the gradient floor's). With {@code max c / min c}, 1,000 for
     * {@code --class-weight 1,1000}, that floor had never warned (a review); this is about 22 there.
     */
    double curvatureFactor(ClassWeights classes) {
      if (classes.none()) {
        return 1;
      }
      ClassWeights c = classes.overLarger(); // the larger weight is 1
      return (weights[0] + weights[1]) / (c.negative() * weights[0] + c.positive() * weights[1]);
    }
  }

  /**
   * Refuses labels other than 0 and 1 for the logistic loss, and warns, before training, when every row has the
   * same one: the model can then only learn that class, and the AUC is undefined. Returns whether both classes are
   * there, and the rows of each. Rows of weight 0 ({@code --weight-col}) count for neither class in the first: they
   * add nothing to training.
   */
  private static BinaryLabels checkBinaryLabels(JavaRDD<Block> blocks, String data, LabelClasses labels,
      ProgressListener listener) {
    BlockPass.Totals t = BlockPass.run(blocks, (b, acc) -> {
      double[] y = b.labels();
      for (int i = 0; i < b.rows(); i++) {
        if (y[i] != 0 && y[i] != 1) {
          acc[0]++;
        }
        if (b.weight(i) > 0) {
          acc[1] += y[i];
          acc[2]++;
        }
        acc[3] += y[i];
        double w = b.weight(i);
        acc[4] += w;
        acc[5] += w * w;
        acc[6] += y[i] * w;
        acc[7] += y[i] * w * w;
      }
    }, 8);
    if (t.sums()[0] > 0) {
      throw InputError.of(data, String.format(java.util.Locale.ROOT, "--loss logistic needs labels 0 or 1, but "
          + "%.0f of %d rows have another label; check --label-col, or recode the classes as 0 and 1",
          t.sums()[0], t.rows()));
    }
    ClassificationMetrics classes = new ClassificationMetrics((long) t.sums()[2], (long) t.sums()[1], Double.NaN,
        Double.NaN, Double.NaN);
    classes.oneClassWarning("the training data", labels, ", and the model can only learn to predict that class; "
        + "check --label-col, or train on rows of both classes " + labels.both())
        .ifPresent(listener::doubt);
    long positives = (long) t.sums()[3];
    double[] s = t.sums();
    return new BinaryLabels(classes.bothClasses(), t.rows() - positives, positives, new double[] {s[4] - s[6], s[6]},
        new double[] {s[5] - s[7], s[7]});
  }
}
