package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import sparkdgd.config.RegParamGrid;

/**
 * What a {@code --reg-param} search found: one model trained for each penalty strength on the same training rows,
 * each scored on the same held-out rows, and the one chosen, whose validation loss (the loss trained on, without the
 * penalty: the MSE, Huber loss or log-loss) is the lowest; of equal losses, the larger strength's (the simpler model).
 *
 * @param validationFraction the fraction of the rows held out ({@code --validation-fraction})
 * @param validationRows the held-out rows the models were compared on
 * @param trainingRows   the rows each model was trained on
 * @param models         one for each strength, largest first, as trained
 * @param chosen         the index in {@code models} of the one chosen
 * @param seconds        the search's wall time, the run's (TrainingSummary's seconds: from listing the input to the
 *                       training metrics, which a search to be refit leaves out); NaN until known
 */
public record RegParamSearch(double validationFraction, long validationRows, long trainingRows, List<Model> models,
    int chosen, double seconds) {

  /**
   * One strength's model.
   *
   * @param regParam the penalty strength
   * @param last     the record of the parameters trained: its objective, training and validation metrics; null when
   *                 its training diverged
   * @param epochs   epochs run
   * @param passes   data passes its optimizer spent (the learning rate's estimate not counted)
   * @param stop     why its training ended; null when it diverged
   * @param startObjective the objective it started from (epoch 0)
   * @param diverged why its training was stopped as diverging, or null
   */
  public record Model(double regParam, EpochRecord last, int epochs, double passes, StopReason stop,
      double startObjective, String diverged) {
    /** A model whose training stopped as diverging, with the error's {@code message}: never chosen. */
    public static Model diverged(double regParam, String message) {
      return new Model(regParam, null, 0, 0, null, Double.NaN, message);
    }

    /** The loss on the held-out rows the choice compares; infinite for a diverged model. */
    public double validationLoss() {
      return diverged != null ? Double.POSITIVE_INFINITY : last.validationLoss();
    }
  }

  public RegParamSearch {
    models = List.copyOf(models);
    if (chosen < 0 || chosen >= models.size()) {
      throw new IllegalArgumentException("no model " + chosen + " among " + models.size());
    }
  }

  /** The search over {@code models}, choosing the lowest validation loss: of equals the first (the larger strength). */
  public static RegParamSearch of(double validationFraction, long validationRows, long trainingRows,
      List<Model> models) {
    int best = -1;
    for (int k = 0; k < models.size(); k++) {
      double loss = models.get(k).validationLoss();
      if (models.get(k).diverged() == null && !Double.isNaN(loss) && (best < 0
          || loss < models.get(best).validationLoss())) {
        best = k;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("no model of the --reg-param search has a validation loss to compare");
    }
    return new RegParamSearch(validationFraction, validationRows, trainingRows, models, best, Double.NaN);
  }

  /** The strength chosen. */
  public double chosenRegParam() {
    return models.get(chosen).regParam();
  }

  /** The model chosen. */
  public Model chosenModel() {
    return models.get(chosen);
  }

  /** This search, which took {@code s} seconds. */
  public RegParamSearch withSeconds(double s) {
    return new RegParamSearch(validationFraction, validationRows, trainingRows, models, chosen, s);
  }

  /**
   * A warning about the choice when some models stopped at {@code --epochs} ({@code maxEpochs}) before a test ended
   * them: a model stopped early is held back as a penalty would hold it, so its validation loss is not its value's,
   * and the choice may be another than the models' optima would make (a review saw 0 chosen at 40 epochs of gd where
   * the optima chose 0.01).
   */
  public Optional<String> unfinished(int maxEpochs) {
    List<String> values = models.stream().filter(m -> m.stop() == StopReason.MAX_EPOCHS)
        .map(m -> RegParamGrid.plain(m.regParam())).toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the --reg-param search's model%s of %s stopped at --epochs %d "
        + "before --tol or --gradient-tol ended %s: a model trained for fewer epochs is held back as by a larger "
        + "penalty, so the validation losses compared are not the values' own and the choice, --reg-param %s, may "
        + "not be the best; raise --epochs, or use --optimizer lbfgs", values.size() == 1 ? "" : "s",
        String.join(", ", values), maxEpochs, values.size() == 1 ? "it" : "them",
        RegParamGrid.plain(chosenRegParam())));
  }

  /**
   * A notice when the value chosen is at an end of the values tried that is not 0: one beyond it may do better still.
   */
  public Optional<String> atAnEnd() {
    if (chosen == 0) {
      return Optional.of(String.format(Locale.ROOT, "--reg-param %s, the value chosen, is the largest tried: a larger "
          + "one may predict the held-out rows better still; add larger values to see", RegParamGrid.plain(
              chosenRegParam())));
    }
    if (chosen == models.size() - 1 && chosenRegParam() > 0) {
      return Optional.of(String.format(Locale.ROOT, "--reg-param %s, the value chosen, is the smallest tried: a "
          + "smaller one (or 0, no penalty) may predict the held-out rows better still; add smaller values to see",
          RegParamGrid.plain(chosenRegParam())));
    }
    return Optional.empty();
  }
}
