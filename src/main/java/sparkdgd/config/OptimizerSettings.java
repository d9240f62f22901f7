package sparkdgd.config;

/**
 * How the objective is minimised and when to stop.
 *
 * @param optimizer          gd, nesterov or lbfgs
 * @param batchFraction      fraction of every partition's rows each iteration samples, in (0, 1]
 * @param batchRunRows       a mini-batch is drawn in runs of this many consecutive rows (1: row by row)
 * @param schedule           how the step changes with the iteration
 * @param stepEvery          iterations between halvings for the {@code step} schedule
 * @param seed               drives every random choice (mini-batches, the validation split)
 * @param gradientTol        stop when the gradient norm falls below this (0: never)
 * @param validationFraction fraction of the rows held out for validation, in [0, 1)
 * @param patience           stop when the validation loss has not improved for this many evaluations
 *                           (0: never); the best parameters are kept
 * @param shuffleRows        put every partition's rows in a random order (from the seed) before they are cached,
 *                           so that runs of rows are random samples whatever the file's order
 * @param tolEvaluations     how many evaluations in a row must each change the objective by less than --tol
 *                           before that stops the run (scikit-learn's n_iter_no_change)
 * @param averageFrom        return the mean of gradient descent's iterates after this iteration and every later one
 *                           (0: the last iterate)
 */
public record OptimizerSettings(OptimizerKind optimizer, double batchFraction, int batchRunRows,
    ScheduleKind schedule, int stepEvery, long seed, double gradientTol, double validationFraction, int patience,
    boolean shuffleRows, int tolEvaluations, int averageFrom) {
  public static final OptimizerSettings DEFAULTS =
      new OptimizerSettings(OptimizerKind.GD, 1.0, 1, ScheduleKind.CONSTANT, 100, 42L, 0.0, 0.0, 0);

  /** Settings that keep the rows in the order they were read. */
  public OptimizerSettings(OptimizerKind optimizer, double batchFraction, int batchRunRows, ScheduleKind schedule,
      int stepEvery, long seed, double gradientTol, double validationFraction, int patience) {
    this(optimizer, batchFraction, batchRunRows, schedule, stepEvery, seed, gradientTol, validationFraction, patience,
        false);
  }

  /** Settings where one evaluation within --tol stops the run. */
  public OptimizerSettings(OptimizerKind optimizer, double batchFraction, int batchRunRows, ScheduleKind schedule,
      int stepEvery, long seed, double gradientTol, double validationFraction, int patience, boolean shuffleRows) {
    this(optimizer, batchFraction, batchRunRows, schedule, stepEvery, seed, gradientTol, validationFraction, patience,
        shuffleRows, 1, 0);
  }

  public OptimizerSettings {
    Checks.arg(optimizer != null, "--optimizer must be given");
    Checks.arg(batchFraction > 0 && batchFraction <= 1, "--batch-fraction must be in (0, 1], got %s",
        batchFraction);
    Checks.arg(batchRunRows >= 1, "--batch-run-rows must be >= 1, got %d", batchRunRows);
    Checks.arg(batchRunRows == 1 || batchFraction < 1,
        "--batch-run-rows %d only changes how a mini-batch is drawn: add --batch-fraction (e.g. 0.01)", batchRunRows);
    Checks.arg(!shuffleRows || batchFraction < 1, "--shuffle-rows only changes which rows a mini-batch's runs hold: "
        + "add --batch-fraction (e.g. 0.01) and --batch-run-rows (e.g. 64, or 4096 for batches of whole blocks on large "
        + "data); a full batch sums every row whatever their order");
    Checks.arg(schedule != null, "--learning-rate-schedule must be given");
    Checks.arg(stepEvery >= 1, "--step-every must be >= 1, got %d", stepEvery);
    Checks.arg(gradientTol >= 0 && Double.isFinite(gradientTol), "--gradient-tol must be a finite number >= 0, "
        + "got %s", gradientTol);
    Checks.arg(validationFraction >= 0 && validationFraction < 1,
        "--validation-fraction must be in [0, 1), got %s", validationFraction);
    Checks.arg(patience >= 0, "--patience must be >= 0, got %d", patience);
    Checks.arg(tolEvaluations >= 1, "--tol-evaluations must be >= 1, got %d", tolEvaluations);
    Checks.arg(averageFrom >= 0, "--average-from must be >= 1 (or 0 for the last iterate), got %d", averageFrom);
    Checks.arg(averageFrom == 0 || optimizer == OptimizerKind.GD, "--average-from averages gradient descent's "
        + "iterates: use --optimizer gd (%s's own iterates converge without it)", optimizer);
    Checks.arg(averageFrom == 0 || batchFraction < 1, "--average-from averages the iterates of mini-batches around "
        + "the minimum: add --batch-fraction (e.g. 0.1); full batches' iterates converge on their own, and their "
        + "mean trails them");
    Checks.arg(averageFrom == 0 || patience == 0, "--average-from returns the mean of the iterates, --patience the "
        + "best evaluated one: give one of them");
    Checks.arg(patience == 0 || validationFraction > 0,
        "--patience needs a validation set: add --validation-fraction (e.g. 0.2)");
    Checks.arg(optimizer != OptimizerKind.LBFGS || batchFraction == 1,
        "--optimizer lbfgs needs the full gradient: use --batch-fraction 1, or gd/nesterov for mini-batches");
  }

  public boolean averaged() {
    return averageFrom > 0;
  }

  public boolean miniBatch() {
    return batchFraction < 1;
  }
}
