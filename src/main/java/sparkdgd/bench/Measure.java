package sparkdgd.bench;

import java.util.Locale;

/** The rows of a size's table, in print order, each with what it measures. */
public enum Measure {
  OURS_F64("our epoch, float64 blocks",
      "one DistributedLoss.evaluate pass: coefficients in the task closure, kernel, exact merge of the partitions"),
  OURS_F32("our epoch, float32 blocks", "the same pass over the blocks rounded to float"),
  OURS_SER_F64("our epoch, serialized float64 blocks",
      "the same pass over the float64 blocks cached MEMORY_ONLY_SER: every epoch turns Kryo bytes back into arrays"),
  OURS_SER_F32("our epoch, serialized float32 blocks", "the same over the float32 blocks cached MEMORY_ONLY_SER"),
  OURS_MINI_BATCH("our mini-batch iteration, fraction 0.01, float64",
      "the same pass over a 1% sample of every partition's rows (geometric skips; a new sample each time)"),
  OURS_MINI_BATCH_RUNS("our mini-batch iteration, fraction 0.01 in runs of 64 rows, float64",
      "the same 1% sample drawn in runs of 64 consecutive rows (--batch-run-rows 64): read sequentially"),
  OURS_RESIDENT_F64("our epoch on resident tasks, float64",
      "the same pass as one round of resident tasks (--resident-tasks): one task per core holds its partitions "
          + "and answers passes over a socket, no Spark job per pass"),
  OURS_RESIDENT_F32("our epoch on resident tasks, float32",
      "the same round over the float32 blocks, held by the same tasks: an epoch without the job's floor"),
  OURS_RESIDENT_MINI_BATCH("our mini-batch iteration on resident tasks, fraction 0.01",
      "the mini-batch pass as one round of the resident tasks"),
  OURS_RESIDENT_MINI_BATCH_RUNS("our mini-batch iteration on resident tasks, fraction 0.01 in runs of 64 rows",
      "the mini-batch pass in runs of 64 rows as one round of the resident tasks"),
  OURS_RESIDENT_MINI_BATCH_RUNS_IN_A_ROW(
      "our mini-batch iteration on resident tasks, fraction 0.01 in runs of 64 rows, in a row of "
          + SizeBenchmark.BATCHES_IN_A_ROW,
      "the same round " + SizeBenchmark.BATCHES_IN_A_ROW + " times one after another, as a mini-batch training run "
          + "takes them, / " + SizeBenchmark.BATCHES_IN_A_ROW + ": the row above comes right after another row's "
          + "work (an epoch, the plain loop, the batch drawn row by row) has filled the caches"),
  OURS_RESIDENT_MINI_BATCH_BLOCKS("our mini-batch iteration on resident tasks, fraction 0.01 in runs of a block",
      "the mini-batch pass drawn in runs as long as a block (--batch-run-rows equal to --block-rows): each block "
          + "kept with probability 0.01 and read as a full pass reads it. Its rows are a random sample where the rows "
          + "are in random order, as this data is generated and as --shuffle-rows puts any file's at load"),
  OURS_RESIDENT_MINI_BATCH_BLOCKS_IN_A_ROW(
      "our mini-batch iteration on resident tasks, fraction 0.01 in runs of a block, in a row of "
          + SizeBenchmark.BATCHES_IN_A_ROW,
      "the same round " + SizeBenchmark.BATCHES_IN_A_ROW + " times one after another, / "
          + SizeBenchmark.BATCHES_IN_A_ROW),
  PLAIN_ALL_BESIDE_RESIDENT("plain Java loop, %d threads, in turns with the resident rows",
      "the plain loop on all threads again, timed in the same rounds as the seven rows above"),
  KERNEL_F64_IN_CACHE("our block kernel, float64, %d threads, in cache: its compute alone",
      "LossKernel.addBlock over as many blocks and rows as a pass, split over the threads the same way, each thread "
          + "walking again and again the first full blocks of its share that fit in %s (at least one: at 100 "
          + "features, one block from the shared L3), timed in the same rounds as the resident rows"),
  KERNEL_F32_IN_CACHE("our block kernel, float32, %d threads, in cache: its compute alone",
      "the same over those blocks rounded to float: in local mode, where the resident tasks run on these cores, a "
          + "float32 epoch (this loop over the same rows) should not be faster than this, up to noise"),
  MLLIB_ITERATION("MLlib GradientDescent, per iteration",
      "runMiniBatchSGD, LeastSquaresGradient + SimpleUpdater, fraction 1: one call of %d iterations / %d"),
  OURS_ANSWER("our time to the least-squares answer, L-BFGS",
      "statistics, standardization, step estimate, L-BFGS to a gradient norm of 1e-9 on the cached float64 blocks"),
  ML_AUTO("ml LinearRegression fit, solver auto (default)", "whole fit on the cached DataFrame"),
  ML_LBFGS("ml LinearRegression fit, solver l-bfgs", "whole fit on the cached DataFrame"),
  PLAIN_ONE("plain Java loop, 1 thread", "fused loop over row-major copies of the same float64 values, no Spark"),
  PLAIN_ALL("plain Java loop, %d threads", "the same loop, blocks split over the threads"),
  KERNEL_ALL("our block kernel, %d threads, no Spark",
      "LossKernel.addBlock (squared loss) over the driver-side blocks the plain loop copies, split the same way over the threads"),
  EMPTY_JOB("empty Spark job",
      "our pass (BlockPass) over the cached float64 blocks adding only their row counts: the per-job floor"),
  READ_F64("read bound, float64 blocks",
      "every value of the kernel's driver-side blocks (%s) summed once on the same threads, eight accumulators"),
  READ_F32("read bound, float32 blocks", "the float64 read scaled to the float32 blocks' bytes (%s)");

  private final String label;
  private final String how;

  Measure(String label, String how) {
    this.label = label;
    this.how = how;
  }

  public String label() {
    return label;
  }

  /** The label, with the thread count where it names one. */
  public String label(int threads) {
    return label.contains("%d") ? String.format(Locale.ROOT, label, threads) : label;
  }

  /** What the row measures; may hold {@code %} placeholders filled in by the report. */
  public String how() {
    return how;
  }
}
