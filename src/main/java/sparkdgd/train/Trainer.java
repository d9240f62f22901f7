package sparkdgd.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import sparkdgd.block.RowSampler;
import sparkdgd.config.ScheduleKind;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.Metrics;
import sparkdgd.optim.Evaluation;
import sparkdgd.optim.GradientDescent;
import sparkdgd.optim.Objective;
import sparkdgd.optim.ObjectiveFunction;
import sparkdgd.optim.Optimizer;
import sparkdgd.optim.Regularization;
import sparkdgd.optim.StepSchedule;

/**
 * The epoch loop. Parameters start at zero (or at a given starting point: {@link InterceptStart}, --init-model).
 * With full batches every epoch is one optimizer iteration whose last pass evaluates the new parameters, giving
 * both the reported objective and the next gradient. With mini-batches ({@code batchFraction < 1}) each iteration takes the gradient of a sample
 * of the rows drawn from (seed, iteration, partition), and the full training objective is evaluated
 * only at the evaluation points (every {@code logEvery} iterations and the last). At each evaluation
 * point the validation rows, when there are some, are scored too, and the stopping rules are checked.
 */
public final class Trainer {
  /** Objective increases of more than this, relatively, count as growth. */
  static final double GROWTH_SLACK = 1e-9;
  /** This many growing epochs in a row stop the run as diverging. */
  static final int GROWTH_LIMIT = 5;
  /**
   * With mini-batches the full objective is measured between noisy steps: only evaluations where it more than
   * doubled count as growth (a diverging run grows geometrically; one near its noise floor goes up and down).
   */
  static final double MINI_BATCH_GROWTH_SLACK = 1.0;
  /**
   * An objective this many times the one it started from stops any run as diverging, whatever its optimizer and
   * batches (from zero: the labels' mean square, or log 2; from the intercept's start: their variance, or the
   * classes' entropy; from a resumed checkpoint or --init-model: its own).
   */
  static final double BLOWUP_FACTOR = 1e6;

  /**
   * When to evaluate and stop.
   *
   * @param epochs        maximum iterations
   * @param tol           stop when the objective changes by less than this, relatively (0: never)
   * @param gradientTol   stop when the (proximal) gradient norm falls below this (0: never)
   * @param evaluateEvery evaluation interval with mini-batches
   * @param batchFraction fraction of rows per iteration, in (0, 1]
   * @param batchRunRows  a mini-batch is drawn in runs of this many consecutive rows (see {@link RowSampler})
   * @param seed          seeds the mini-batches
   * @param patience      evaluations without validation improvement before stopping (0: never)
   * @param tolEvaluations evaluations in a row that must each pass the {@code tol} test before it stops the run
   */
  public record Settings(int epochs, double tol, double gradientTol, int evaluateEvery, double batchFraction,
      int batchRunRows, long seed, int patience, int tolEvaluations) {
    public Settings {
      if (tolEvaluations < 1) {
        throw new IllegalArgumentException("Expecting at least one evaluation for --tol, got " + tolEvaluations);
      }
    }

    public static Settings fullBatch(int epochs, double tol) {
      return new Settings(epochs, tol, 0, 1, 1.0, 1, 0L, 0, 1);
    }
  }

  private final Settings settings;
  private final Optimizer optimizer;
  private final double learningRate;
  private final boolean watchGrowth;
  private final ProgressListener listener;
  /** What a divergence error tells to do. */
  private final String remedy;

  /** The divergence errors' advice for a learning rate given: {@link #autoRateRemedy} for the automatic one. */
  static final String GIVEN_RATE_REMEDY = "use a smaller --learning-rate (or --learning-rate auto)";

  /** Full-batch gradient descent with a constant step and no penalty: the tutorial's trainer. */
  public Trainer(int epochs, double learningRate, double tol, ProgressListener listener) {
    this(Settings.fullBatch(epochs, tol), new GradientDescent(StepSchedule.constant(learningRate),
        Regularization.none(0)), learningRate, true, listener);
  }

  /**
   * @param learningRate the base step (checked on resume, and the step of the gradient mapping)
   * @param watchGrowth  stop as diverging when the objective grows for several epochs in a row (for rules
   *                     that should decrease it every epoch)
   */
  public Trainer(Settings settings, Optimizer optimizer, double learningRate, boolean watchGrowth,
      ProgressListener listener) {
    this(settings, optimizer, learningRate, watchGrowth, listener, GIVEN_RATE_REMEDY);
  }

  /** @param remedy what a divergence error tells to do ({@link #GIVEN_RATE_REMEDY}, {@link #autoRateRemedy}) */
  public Trainer(Settings settings, Optimizer optimizer, double learningRate, boolean watchGrowth,
      ProgressListener listener, String remedy) {
    this.settings = settings;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
    this.watchGrowth = watchGrowth;
    this.listener = listener;
    this.remedy = remedy;
  }

  /** The divergence errors' advice when {@code --learning-rate auto} chose {@code learningRate}. */
  static String autoRateRemedy(double learningRate, double batchFraction, ScheduleKind schedule) {
    String smaller = String.format(Locale.ROOT, "pass a --learning-rate below the automatic %s (e.g. %s)",
        readable(learningRate), readable(learningRate / 4));
    if (batchFraction >= 1) {
      return smaller;
    }
    return smaller + (schedule == ScheduleKind.INVERSE_SQRT ? " or a larger --batch-fraction"
        : ", a larger --batch-fraction, or --learning-rate-schedule inverse-sqrt");
  }

  /**
   * The trained internal parameters (intercept last), the history, why it stopped, the record of the returned
   * parameters (the best by validation loss when --patience stopped the run and kept an earlier one), and the
   * evaluation with the lowest validation loss, whatever stopped the run (the first of equals; null without
   * validation rows), the objective the run started from (at zero, at --init-model's, or at the resumed
   * checkpoint's parameters), the last iterate's record where the returned parameters' replaced it in the history
   * (null where not), and how many iterates the returned parameters are the mean of (--average-from; 0: an iterate).
   */
  public record Result(double[] theta, List<EpochRecord> history, StopReason stopReason, EpochRecord last,
      double passes, EpochRecord bestValidation, double startObjective, EpochRecord lastIterate,
      long averagedIterates) {
    public Result(double[] theta, List<EpochRecord> history, StopReason stopReason, EpochRecord last, double passes,
        EpochRecord bestValidation, double startObjective) {
      this(theta, history, stopReason, last, passes, bestValidation, startObjective, null, 0);
    }

    /** The history as the iterates made it: its last record the last iterate's, not the returned parameters'. */
    public List<EpochRecord> iterateHistory() {
      if (lastIterate == null) {
        return history;
      }
      List<EpochRecord> iterates = new ArrayList<>(history);
      iterates.set(iterates.size() - 1, lastIterate);
      return List.copyOf(iterates);
    }
  }

  /** Trains the MSE from zero. */
  public Result run(DistributedLoss loss) {
    return run(loss, null, Checkpointer.NONE);
  }

  /** Trains the MSE without penalty or validation. */
  public Result run(DistributedLoss loss, TrainingState resumeFrom, Checkpointer checkpointer) {
    return run(new Objective(loss, Regularization.none(loss.dims())), null, resumeFrom, checkpointer);
  }

  /**
   * Trains from {@code resumeFrom} (or from zero when it is null), handing the state after every
   * epoch to {@code checkpointer}; {@code validation} (or null) scores the held-out rows.
   */
  public Result run(Objective objective, DistributedLoss validation, TrainingState resumeFrom,
      Checkpointer checkpointer) {
    return run(objective, validation, resumeFrom, checkpointer, null);
  }

  /**
   * As {@link #run(Objective, DistributedLoss, TrainingState, Checkpointer)}, starting from the internal parameters
   * {@code startingPoint} instead of zero when there is nothing to resume ({@code --init-model}; null: from zero).
   */
  public Result run(Objective objective, DistributedLoss validation, TrainingState resumeFrom,
      Checkpointer checkpointer, double[] startingPoint) {
    long start = System.nanoTime();
    final int epochs = settings.epochs();
    final boolean fullBatch = settings.batchFraction() >= 1;
    double[] passes = {0};
    List<EpochRecord> history = new ArrayList<>();
    double[] theta;
    double previous;
    int growing;
    int firstEpoch;
    double earlierSeconds;
    double[] best = new double[0];
    double bestValidation = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    int withinTol = 0; // evaluations in a row that passed the --tol test
    Evaluation eval;
    if (resumeFrom == null) {
      theta = startingPoint != null ? startingPoint.clone() : new double[objective.parameters()];
      eval = objective.at(theta, RowSampler.ALL, "initial loss (epoch 0/" + epochs + ")");
      passes[0] = fullBatch ? 1 : 0;
      listener.initial(eval.objective());
      previous = eval.objective();
      growing = 0;
      firstEpoch = 1;
      earlierSeconds = 0;
    } else {
      checkResumable(objective, resumeFrom);
      theta = resumeFrom.theta();
      optimizer.restore(resumeFrom.optimizerState());
      history.addAll(resumeFrom.history());
      eval = objective.at(theta, RowSampler.ALL, "resume after epoch " + resumeFrom.epoch() + "/" + epochs);
      listener.resumed(resumeFrom.epoch(), eval.objective());
      previous = resumeFrom.previousMse();
      growing = resumeFrom.growingEpochs();
      firstEpoch = resumeFrom.epoch() + 1;
      earlierSeconds = history.isEmpty() ? 0 : history.get(history.size() - 1).seconds();
      passes[0] = resumeFrom.passes();
      best = resumeFrom.best();
      bestValidation = resumeFrom.bestValidation();
      sinceBest = resumeFrom.sinceBest();
      withinTol = resumeFrom.withinTol();
    }
    final double startObjective = eval.objective();
    StopReason reason = StopReason.MAX_EPOCHS;
    // a resumed run's best is in the history it restored, unless the checkpoint was resumed without its history files
    // and the best was among the records lost with them: then the one the checkpoint saved, lower than any it kept
    final EpochRecord lostBest = resumeFrom == null ? null : lostBest(resumeFrom);
    EpochRecord bestRecord = lostBest != null ? lostBest : lowestValidation(history);
    TrainingState ended = null; // the state after the last epoch run
    // a state copies the parameters, the history and the optimizer's memory (L-BFGS: 20 vectors as wide as the model,
    // 160 MB at 1e6 features): made each epoch only for checkpoints to save
    boolean keepsStates = checkpointer != Checkpointer.NONE;
    for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
      // mini-batch runs measure the full training loss every --log-every epochs, and checkpoint on their own
      // schedule: an epoch between two evaluations is saved with the history as of the last one
      boolean evaluated = true;
      final String label = "epoch " + epoch + "/" + epochs;
      if (fullBatch) {
        ObjectiveFunction f = point -> {
          passes[0] += 1;
          return objective.at(point, RowSampler.ALL, label);
        };
        eval = optimizer.step(epoch, theta, eval, f);
      } else {
        RowSampler sample =
            RowSampler.sample(settings.batchFraction(), settings.batchRunRows(), settings.seed(), epoch);
        Evaluation batch = objective.at(theta, sample, label + " (mini-batch)");
        passes[0] += settings.batchFraction();
        optimizer.step(epoch, theta, batch, null);
        evaluated = epoch % settings.evaluateEvery() == 0 || epoch == epochs;
        if (evaluated) {
          eval = objective.at(theta, RowSampler.ALL, label + " (full training loss)");
        }
      }
      // the last epoch's evaluation off the --log-every schedule, which a longer run does not make: the run reports
      // it, but its state is saved as of the last scheduled one, so that a run resumed from it with more --epochs
      // compares, keeps and stops as an uninterrupted one does
      final boolean offSchedule = evaluated && !fullBatch && epoch % settings.evaluateEvery() != 0;
      final TrainingState scheduled = offSchedule && keepsStates ? new TrainingState(epoch, theta, learningRate,
          previous, growing, history, passes[0], optimizer.state(), best, bestValidation, sinceBest, withinTol,
          bestRecord) : null;
      checks: if (evaluated) { // a rule that stops the run breaks out of the checks: its epoch is still told
        EpochRecord record = record(epoch, passes[0], earlierSeconds + (System.nanoTime() - start) / 1e9,
            objective, validation, theta, eval, label);
        double stationarity = record.gradientNorm();
        history.add(record);
        boolean goesOn = false; // whether the run goes on after this epoch: the listener is told once it is known
        try {
          double value = eval.objective();
          growing = growthAfter(value, previous, startObjective, growing, epoch, fullBatch);
          if (record.validation() != null) {
            double v = record.validationLoss();
            if (v < bestValidation) {
              bestValidation = v;
              best = theta.clone();
              bestRecord = record;
              sinceBest = 0;
            } else {
              sinceBest++;
            }
            if (settings.patience() > 0 && sinceBest >= settings.patience()) {
              if (growing >= 2 && growing >= sinceBest) {
                // the training objective rose with the validation loss: not overfitting but a run going astray
                throw new TrainingDivergedException(String.format(Locale.ROOT, "the validation loss stopped improving "
                    + "while the training objective grew at each of the last %d evaluations (to %s at epoch %d) with "
                    + "learning rate %s; %s", growing,
                    readable(value), epoch, readable(learningRate), remedy));
              }
              reason = StopReason.EARLY_STOPPED;
              break checks;
            }
          }
          if (optimizer.stalled()) {
            reason = StopReason.NO_PROGRESS;
            break checks;
          }
          if (stationarity == 0) {
            reason = StopReason.ZERO_GRADIENT;
            break checks;
          }
          if (settings.gradientTol() > 0 && stationarity <= settings.gradientTol()) {
            reason = StopReason.GRADIENT_CONVERGED;
            break checks;
          }
          double tolerance = settings.tol() * Math.max(Math.abs(previous), Double.MIN_NORMAL);
          boolean passesTol = settings.tol() > 0 && Math.abs(previous - value) <= tolerance
              && !(optimizer.expectedDecrease(eval) > tolerance);
          withinTol = passesTol ? withinTol + 1 : 0;
          if (withinTol >= settings.tolEvaluations()) {
            reason = StopReason.LOSS_CONVERGED;
            break checks;
          }
          previous = value;
          goesOn = true;
        } finally {
          listener.epoch(record, !goesOn || epoch == epochs); // a stop, a divergence or the epoch limit
        }
      }
      if (reason != StopReason.MAX_EPOCHS) {
        // a stopping rule's epoch is not saved, even on the checkpoints' schedule: its state would hold the objective
        // before the stop, and a run resumed from it would train past the stop
        break;
      }
      if (keepsStates) {
        ended = scheduled != null ? scheduled : new TrainingState(epoch, theta, learningRate, previous, growing,
            history, passes[0], optimizer.state(), best, bestValidation, sinceBest, withinTol, bestRecord);
        checkpointer.epochDone(ended);
      }
    }
    if (ended != null && reason == StopReason.MAX_EPOCHS) {
      // --epochs ended it: --resume with more goes on from here. A stopping rule's epoch is not saved: resumed from the
      // last scheduled checkpoint, the run stops where it did, with the same parameters
      checkpointer.runEnded(ended);
    }
    if (reason == StopReason.EARLY_STOPPED) {
      EpochRecord kept = bestRecord != null ? bestRecord : history.get(history.size() - 1);
      return new Result(best, List.copyOf(history), reason, kept, passes[0], kept, startObjective);
    }
    double[] answer = optimizer.iterate(theta);
    long averagedIterates = optimizer.averagedIterates();
    EpochRecord lastIterate = null;
    if (!history.isEmpty() && !Arrays.equals(answer, theta)) {
      // the method returns its iterate, not the extrapolated point the last record measured: one more pass, so that
      // the last record gives the figures of the parameters returned
      EpochRecord measured = history.get(history.size() - 1);
      int epoch = measured.epoch();
      String label = (averagedIterates > 0 ? "the mean of the iterates" : "the last iterate") + " (epoch " + epoch + "/"
          + epochs + ")";
      Evaluation atAnswer = objective.at(answer, RowSampler.ALL, label);
      passes[0] += 1;
      EpochRecord atIterate = record(epoch, passes[0], earlierSeconds + (System.nanoTime() - start) / 1e9,
          objective, validation, answer, atAnswer, label);
      boolean gradientStop = reason == StopReason.GRADIENT_CONVERGED || reason == StopReason.ZERO_GRADIENT;
      if (gradientStop && !passesGradientTest(reason, atIterate.gradientNorm())) {
        // a gradient test stopped the run at the extrapolated point (or the iterate, which --average-from would have
        // given up for the mean), and the returned point's own gradient does not pass it: the point that passed is
        // returned, so that what is returned, recorded and tested agree
        answer = theta;
        averagedIterates = 0;
        history.set(history.size() - 1, new EpochRecord(epoch, passes[0], measured.objective(),
            measured.gradientNorm(), measured.seconds(), measured.train(), measured.validation()));
      } else {
        history.set(history.size() - 1, atIterate);
        lastIterate = measured;
      }
      // the record the best may have been is replaced, by the returned point's: the best is the history's as it
      // stands, or the lost one where no record kept is lower (the first of equals, as the history's lowest is)
      EpochRecord lowest = lowestValidation(history);
      bestRecord = lostBest != null && !(lowest != null && lowest.validationLoss() < lostBest.validationLoss())
          ? lostBest : lowest;
    }
    EpochRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
    return new Result(answer, List.copyOf(history), reason, last, passes[0], bestRecord, startObjective, lastIterate,
        averagedIterates);
  }

  /** Whether {@code stationarity} meets the gradient test that stopped the run with {@code reason}. */
  private boolean passesGradientTest(StopReason reason, double stationarity) {
    return switch (reason) {
      case ZERO_GRADIENT -> stationarity == 0;
      case GRADIENT_CONVERGED -> stationarity <= settings.gradientTol();
      default -> throw new IllegalArgumentException("not a gradient test: " + reason);
    };
  }

  /**
   * The evaluations in a row that the objective has grown, counting {@code value}'s, after checking the divergence
   * rules: an objective that is not finite, or a millionfold its start, stops any run; one that grew
   * {@link #GROWTH_LIMIT} evaluations in a row stops the rules that should decrease it ({@code watchGrowth}).
   *
   * @throws TrainingDivergedException when a rule says the run diverges
   */
  private int growthAfter(double value, double previous, double startObjective, int growing, int epoch,
      boolean fullBatch) {
    if (!Double.isFinite(value)) {
      throw new TrainingDivergedException(String.format(Locale.ROOT,
          "the objective became %s at epoch %d with learning rate %s; %s", readable(value), epoch,
          readable(learningRate), remedy));
    }
    if (startObjective > 0 && value > BLOWUP_FACTOR * startObjective) {
      throw new TrainingDivergedException(String.format(Locale.ROOT,
          "the objective grew from %s at the start to %s at epoch %d, a millionfold, with learning rate %s; %s",
          readable(startObjective), readable(value), epoch, readable(learningRate), remedy));
    }
    double slack = fullBatch ? GROWTH_SLACK : MINI_BATCH_GROWTH_SLACK;
    // an objective below EpochLimit.NEGLIGIBLE of the start is an exact fit's rounding, which goes up and down: no
    // growth (labels the features give exactly, from a start at their mean, had "diverged" at 9.3e-32 by epoch 60)
    boolean rounding = value < EpochLimit.NEGLIGIBLE * startObjective;
    int grown = value > previous * (1 + slack) && !rounding ? growing + 1 : 0;
    if (watchGrowth && grown >= GROWTH_LIMIT) {
      throw new TrainingDivergedException(String.format(Locale.ROOT,
          "the objective grew for %d %s in a row (to %s at epoch %d) with learning rate %s; %s", GROWTH_LIMIT,
          fullBatch ? "epochs" : "evaluations (more than doubling each time)", readable(value), epoch,
          readable(learningRate), remedy));
    }
    return grown;
  }

  /**
   * Six significant digits without trailing zeros, in powers of ten beyond {@code %g}'s range: 0.22, 5, 1.37521,
   * 17161, 1.23457e+308, NaN, Infinity.
   */
  static String readable(double x) {
    return readable(x, 6);
  }

  /** {@link #readable(double)} to {@code digits} significant digits. */
  static String readable(double x, int digits) {
    String s = String.format(Locale.ROOT, "%." + digits + "g", x);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /** The record of {@code point}, whose objective {@code eval} measured: its stationarity, and its validation. */
  private EpochRecord record(int epoch, double passes, double seconds, Objective objective,
      DistributedLoss validation, double[] point, Evaluation eval, String label) {
    Metrics validationMetrics = validation == null ? null
        : validation.evaluate(point, label + " (validation)").metrics();
    double stationarity = objective.penalty().stationarity(point, eval.gradient(), learningRate);
    return new EpochRecord(epoch, passes, eval.objective(), stationarity, seconds, eval.data().metrics(),
        validationMetrics);
  }

  /**
   * The best record {@code state} saved where its history does not hold it (a checkpoint resumed without its history
   * files, the best before the records it kept), else null.
   */
  private static EpochRecord lostBest(TrainingState state) {
    EpochRecord best = state.bestRecord();
    List<EpochRecord> history = state.history();
    return best != null && (history.isEmpty() || best.epoch() < history.get(0).epoch()) ? best : null;
  }

  /** The first record with the lowest validation loss, or null without validation. */
  private static EpochRecord lowestValidation(List<EpochRecord> history) {
    EpochRecord lowest = null;
    for (EpochRecord r : history) {
      if (r.validation() != null && (lowest == null || r.validationLoss() < lowest.validationLoss())) {
        lowest = r;
      }
    }
    return lowest;
  }

  private void checkResumable(Objective objective, TrainingState state) {
    if (state.theta().length != objective.parameters()) {
      throw new IllegalArgumentException("Expecting " + objective.parameters() + " parameters in the checkpoint but "
          + "got " + state.theta().length);
    }
    if (state.learningRate() != learningRate) {
      throw new IllegalArgumentException("The checkpoint's learning rate " + state.learningRate()
          + " differs from this run's " + learningRate);
    }
  }
}
