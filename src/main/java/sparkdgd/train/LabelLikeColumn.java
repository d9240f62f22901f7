package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The warnings when the default rule took the label by its place (no column is named {@code y} or {@code label}). When
 * a feature's name says it is the label ({@code Y}, {@code Label}, {@code target}, {@code response}): a review's file
 * headed {@code Y,a,b,c} trained on {@code c} as the label and on {@code Y} as a feature, with nothing said but the
 * "Label:" line. Else too, where a header names the columns: a review's nightly file whose {@code y} became
 * {@code sales} trained on the last feature, with {@code sales} among the features (R^2 2.6e-05, exit 0). The rule is
 * documented, so the run goes on, told which flag to pass.
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
  static Optional<String> warning(String label, String chosenBy, List<String> features, boolean vectorFeatures) {
    if (chosenBy == null || label.equals("y") || label.equals("label")) {
      return Optional.empty();
    }
    List<String> like = features.stream().filter(f -> LABEL_NAMES.contains(f.toLowerCase(Locale.ROOT))).toList();
    if (like.isEmpty()) { // not where columns are named by their place (c1..cN, --header false), nor vectors' label
      return positional(label, features) || vectorFeatures ? Optional.empty() : Optional.of(String.format("the label "
          + "is \"%s\", %s, as no column is named y or label: if the label column was renamed, the run trains on the "
          + "wrong one; pass --label-col %s to say it is this one (a pipeline should name it)", label, chosenBy,
          shellWord(label)));
    }
    String name = like.get(0); // one of LABEL_NAMES: a word, passed to --label-col as it is
    return Optional.of(String.format("the label is \"%s\", %s (no column is named y or label), and \"%s\" is trained on "
        + "as a feature, though its name says it is the label: if it is, pass --label-col %s", label, chosenBy, name,
        name));
  }

  /** {@code name} as one word of a shell command: quoted unless it holds only letters, digits and {@code _.-}. */
  private static String shellWord(String name) {
    return name.matches("[A-Za-z0-9_.-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
  }

  /** Whether the columns are named by their place, as those of a file read without a header: c1, c2, ... */
  private static boolean positional(String label, List<String> features) {
    return label.matches("c\\d+") && features.stream().allMatch(f -> f.matches("c\\d+"));
  }
}
