package sparkdgd.score;

import java.util.ArrayList;
import java.util.List;
import sparkdgd.config.InputFormat;
import sparkdgd.data.SlotNames;
import sparkdgd.output.LinearModel;

/**
 * How the message about a model's feature column missing from the data ends. CSV read with {@code --header false}
 * has its columns named c1..cN by position, which a model trained on a header's names never finds: the message names
 * the header line the files need (the model's features in order, then its label when the data has a column for it)
 * and the flag to drop. The other way round, a model trained on columns named so (c1..cN) scoring CSV read with a
 * header is told to pass it. Otherwise it names the columns the model needs.
 */
final class HeaderlessHint {
  /** Header lines of more names than this are shortened to their first and last ones around "...". */
  static final int NAMES_SHOWN = 8;

  private HeaderlessHint() {}

  /** The end of the message when one of {@code model}'s feature columns is not in {@code input}: "; ...". */
  static String fix(ScoringInput input, LinearModel model) {
    List<String> features = model.featureNames();
    if (model.featuresColumn() != null && input.format() == InputFormat.PARQUET) {
      // x1..xD, or the slots' names as Spark ML recorded them (SlotNames)
      String named = features.equals(SlotNames.positional(features.size())) ? "x1..x" + features.size()
          : abbreviatedList(features);
      return String.format("; the model was trained on the column \"%s\" (a vector or an array of %d numbers, its "
          + "features %s), which the data does not hold as a vector or an array: give the data that column, or "
          + "the features as columns %s", model.featuresColumn(), features.size(), named, named);
    }
    if (input.format() == InputFormat.LIBSVM) {
      return "; the model needs " + abbreviatedList(features) + ", and LIBSVM data holds its features by index, "
          + "named x1, x2, ...: score it with a model trained on LIBSVM data (or on columns named so), or score this "
          + "model on CSV or Parquet data with its columns";
    }
    boolean headerless = input.format() == InputFormat.CSV && !input.csv().header();
    boolean byPosition = features.stream().allMatch(n -> n.matches("c[0-9]+"));
    // files whose header names columns so (c1,c2 without c3) only lack one: then the columns the model needs
    if (!headerless && byPosition && input.format() == InputFormat.CSV
        && input.columns().stream().noneMatch(n -> n.matches("c[0-9]+"))) {
      return "; the model was trained on CSV read with --header false, its features being the training files' "
          + "columns by position (named " + features.get(0) + ".." + features.get(features.size() - 1) + "): read "
          + "these files' columns by position too (--header false, the columns in the training files' order, no "
          + "header line)";
    }
    if (!headerless || byPosition) {
      return "; the model needs " + features; // a model trained without a header names its columns c1..cN too
    }
    List<String> header = new ArrayList<>(features);
    String label = model.labelName();
    if (label != null && !label.isEmpty() && input.columns().size() > features.size()) {
      header.add(label);
    }
    return String.format("; the data was read with --header false, so its columns are named c1..c%d by position: "
        + "start every file with the header line the model needs, naming the columns in order (%s: the model's "
        + "features%s), or, if the files start with it already, drop --header false", input.columns().size(),
        abbreviated(header), header.size() > features.size() ? ", then its label" : "");
  }

  /** {@code names} as a list, [a, b, c], shortened as {@link #abbreviated} shortens it. */
  static String abbreviatedList(List<String> names) {
    return "[" + abbreviated(names, ", ") + "]";
  }

  /** {@code names} joined by commas; more than {@link #NAMES_SHOWN} as the first three, "...", and the last two. */
  static String abbreviated(List<String> names) {
    return abbreviated(names, ",");
  }

  private static String abbreviated(List<String> names, String separator) {
    if (names.size() <= NAMES_SHOWN) {
      return String.join(separator, names);
    }
    int n = names.size();
    return String.join(separator, names.subList(0, 3)) + separator + "..." + separator
        + String.join(separator, names.subList(n - 2, n));
  }
}
