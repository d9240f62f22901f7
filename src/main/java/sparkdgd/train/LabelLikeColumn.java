package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The warning when the default rule took the last column as the label (no column is named {@code y} or {@code label})
 * while a feature's name says it is the label: {@code Y}, {@code Label}, {@code target}, {@code response}. A review's
 * file headed {@code Y,a,b,c} trained on {@code c} as the label and on {@code Y} as a feature, with nothing said but the
 * "Label:" line; the rule is documented, so the run goes on, told which flag to pass.
 */
final class LabelLikeColumn {
  /** Names (in lower case) that mean the label. */
  static final Set<String> LABEL_NAMES = Set.of("y", "label", "target", "response");

  private LabelLikeColumn() {}

  /**
   * @param label    the column trained on as the label
   * @param chosenBy how the default rule chose it ({@link TrainingJob#labelChosenBy}), null when --label-col named it
   * @param features the columns trained on as features
   */
  static Optional<String> warning(String label, String chosenBy, List<String> features) {
    // named by a header, the label taken by its place is told (a review's nightly file whose y became "sales" trained
    // on the last feature with "sales" among the features, R^2 2.6e-05, exit 0); columns named by their place (c1..cN,
    // --header false) have no other way to be chosen
    if (chosenBy == null || label.equals("y") || label.equals("label")) {
      return Optional.empty();
    }
    List<String> like = features.stream().filter(f -> LABEL_NAMES.contains(f.toLowerCase(Locale.ROOT))).toList();
    if (like.isEmpty()) {
      return positional(label, features) ? Optional.empty() : Optional.of(String.format("the label is \"%s\", %s, as "
          + "no column is named y or label: if the label column was renamed, the run trains on the wrong one; pass "
          + "--label-col %s to say it is this one (a pipeline should name it)", label, chosenBy, label));
    }
    String name = like.get(0); // one of LABEL_NAMES: a word, passed to --label-col as it is
    return Optional.of(String.format("the label is \"%s\", %s (no column is named y or label), and \"%s\" is trained on "
        + "as a feature, though its name says it is the label: if it is, pass --label-col %s", label, chosenBy, name,
        name));
  }

  /** Whether the columns are named by their place, as those of a file read without a header: c1, c2, ... */
  private static boolean positional(String label, List<String> features) {
    return label.matches("c\\d+") && features.stream().allMatch(f -> f.matches("c\\d+"));
  }
}
