package sparkdgd.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which input columns are the label and the features, in feature order.
 *
 * @param columnNames   every column of the input, in file order
 * @param labelIndex    index of the label among {@code columnNames}
 * @param featureIndex  indices of the features among {@code columnNames}, in model order
 * @param weightIndex   index of the rows' weight among {@code columnNames} ({@code --weight-col}), -1 for none
 */
public record ColumnSelection(List<String> columnNames, int labelIndex, int[] featureIndex, int weightIndex)
    implements Serializable {

  /** A selection without a weight column. */
  public ColumnSelection(List<String> columnNames, int labelIndex, int[] featureIndex) {
    this(columnNames, labelIndex, featureIndex, -1);
  }

  /**
   * Resolves the user's choice against the input's columns.
   *
   * @param source     the file the columns come from, for messages
   * @param columns    the input's columns
   * @param usable     for each column, whether it can be a feature or label (numeric)
   * @param labelCol   the requested label, or null for {@code y}, else {@code label}, else the last column
   * @param features   the requested features, or empty for every other usable column
   */
  public static ColumnSelection resolve(String source, List<String> columns, boolean[] usable,
      String labelCol, List<String> features) {
    return resolve(source, source, columns, usable, labelCol, features);
  }

  /** As {@link #resolve(String, List, boolean[], String, List)}; {@code file} holds {@code columns}. */
  static ColumnSelection resolve(String source, String file, List<String> columns, boolean[] usable,
      String labelCol, List<String> features) {
    return resolve(source, file, columns, usable, labelCol, features, null);
  }

  /**
   * As {@link #resolve(String, List, boolean[], String, List)}, with each row's weight in the column {@code weightCol}
   * (null for none), which is then neither the label nor a feature.
   */
  public static ColumnSelection resolve(String source, String file, List<String> columns, boolean[] usable,
      String labelCol, List<String> features, String weightCol) {
    String label = labelCol;
    if (label == null) {
      label = columns.contains("y") ? "y" : columns.contains("label") ? "label" : columns.get(columns.size() - 1);
    }
    int labelIndex = columns.indexOf(label);
    if (labelIndex < 0) {
      throw InputError.of(source, String.format(
          "label column \"%s\" is not among the columns %s; pass --label-col with one of them%s%s",
          label, listed(columns), PartitionFolders.hint(file, label), notUtf8(columns)));
    }
    if (!usable[labelIndex]) {
      throw InputError.of(source, String.format(
          "label column \"%s\" is not numeric; pass --label-col with a numeric column", label));
    }
    int weightIndex = weightCol == null ? -1 : columns.indexOf(weightCol);
    if (weightCol != null) {
      if (weightIndex < 0) {
        throw InputError.of(source, String.format(
            "weight column \"%s\" (--weight-col) is not among the columns %s%s%s", weightCol, listed(columns),
            PartitionFolders.hint(file, weightCol), notUtf8(columns)));
      }
      if (weightIndex == labelIndex) {
        throw InputError.of(source, String.format(
            "weight column \"%s\" (--weight-col) is also the label; pass --label-col, or weigh by another column",
            weightCol));
      }
      if (!usable[weightIndex]) {
        throw InputError.of(source, String.format(
            "weight column \"%s\" (--weight-col) is not numeric; weigh the rows by a numeric column", weightCol));
      }
    }
    List<Integer> chosen = new ArrayList<>();
    if (features.isEmpty()) {
      for (int i = 0; i < columns.size(); i++) {
        if (i != labelIndex && i != weightIndex && usable[i]) {
          chosen.add(i);
        }
      }
    } else {
      for (String f : features) {
        int i = columns.indexOf(f);
        if (i < 0) {
          throw InputError.of(source, String.format(
              "feature column \"%s\" (from --features) is not among the columns %s%s%s%s", f, listed(columns),
              PartitionFolders.hint(file, f), columns.stream().anyMatch(c -> c.contains(",")) ? "; quote a name "
                  + "holding a comma as in a CSV header: --features '\"a, b\",c'" : "", notUtf8(columns)));
        }
        if (i == weightIndex) {
          throw InputError.of(source, String.format(
              "feature column \"%s\" is also the weight (--weight-col); remove it from --features", f));
        }
        if (i == labelIndex) {
          throw InputError.of(source, String.format(
              "feature column \"%s\" is also the label; remove it from --features or change --label-col", f));
        }
        if (!usable[i]) {
          throw InputError.of(source, String.format(
              "feature column \"%s\" is not numeric; remove it from --features", f));
        }
        chosen.add(i);
      }
    }
    if (chosen.isEmpty()) {
      throw InputError.of(source, String.format(
          "no numeric feature columns besides the label \"%s\"%s among %s", label,
          weightCol == null ? "" : " and the weight \"" + weightCol + "\"", listed(columns)));
    }
    return new ColumnSelection(List.copyOf(columns), labelIndex,
        chosen.stream().mapToInt(Integer::intValue).toArray(), weightIndex);
  }

  public int dims() {
    return featureIndex.length;
  }

  public String labelName() {
    return columnNames.get(labelIndex);
  }

  /** The weight column's name, null when the rows have no weights. */
  public String weightName() {
    return weightIndex < 0 ? null : columnNames.get(weightIndex);
  }

  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (int i : featureIndex) {
      names.add(columnNames.get(i));
    }
    return names;
  }

  @Override
  public String toString() {
    return "ColumnSelection{label=" + labelName() + ", features=" + featureNames()
        + ", featureIndex=" + Arrays.toString(featureIndex) + "}";
  }

  /**
   * What ends a message about a column not found when a header name holds U+FFFD, the character bytes that are not
   * UTF-8 read as (a Latin-1 "y\u00e9" is "y\ufffd"): such a name cannot be typed in a flag. Empty otherwise.
   */
  static String notUtf8(List<String> columns) {
    return columns.stream().anyMatch(c -> c.indexOf('\uFFFD') >= 0) ? "; the header holds bytes that are not UTF-8 "
        + "(shown as \uFFFD): save the file as UTF-8 to name those columns" : "";
  }

  /**
   * {@code columns} as the messages list them, {@code [a, b, c]}, a name holding a comma, a quote or spaces at its ends
   * quoted as in a CSV header: {@code ["a, first", "b ""q""", c]} (they had read as more columns than there are).
   */
  static String listed(List<String> columns) {
    List<String> shown = new ArrayList<>();
    for (String c : columns) {
      boolean quote = c.contains(",") || c.contains("\"") || !c.equals(c.strip());
      shown.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return shown.toString();
  }
}
