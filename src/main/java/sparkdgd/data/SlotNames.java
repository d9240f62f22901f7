package sparkdgd.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.types.StructField;

/**
 * The names of a vector column's slots, as Spark ML records them in the column's metadata ({@code ml_attr}, which
 * {@code VectorAssembler} writes from its input columns and Parquet keeps): a model trained on the vector is then
 * named as its columns were, so its coefficients read right and predict and evaluate find those columns in a CSV.
 * With every slot named once, by a name other than the label's, in slot order, those names; otherwise (no metadata,
 * an array column, names missing or repeated) {@code x1..xD}. A review had trained on {@code VectorAssembler} output
 * of x8..x1 and got coefficients named x1..x8, which evaluate then applied to a CSV's x1..x8 without a word.
 */
public final class SlotNames {
  private SlotNames() {}

  /**
   * The names the metadata of the vector column {@code field} gives its {@code dims} slots, if it names every one
   * once: a scored column's, to compare with the model's features.
   */
  public static java.util.Optional<List<String>> recordedIn(StructField field, int dims) {
    return java.util.Optional.ofNullable(recorded(field, dims, null));
  }

  /** The names of the {@code dims} slots of the vector column {@code field}. */
  static List<String> of(StructField field, int dims, String label) {
    List<String> named = recorded(field, dims, label);
    return named != null ? named : positional(dims);
  }

  /** x1..x{@code dims}: a vector's slots by place (LIBSVM's indices too), as named where nothing else names them. */
  public static List<String> positional(int dims) {
    List<String> names = new ArrayList<>(dims);
    for (int j = 1; j <= dims; j++) {
      names.add("x" + j);
    }
    return names;
  }

  /** The metadata's names of all {@code dims} slots, or null where it lacks one, repeats one or has none. */
  private static List<String> recorded(StructField field, int dims, String label) {
    AttributeGroup group;
    try {
      group = AttributeGroup.fromStructField(field);
    } catch (RuntimeException e) { // metadata in another shape than Spark ML's: not names to trust
      return null;
    }
    if (group.size() != dims || group.attributes().isEmpty()) {
      return null;
    }
    String[] names = new String[dims];
    for (Attribute a : group.attributes().get()) {
      if (a.index().isEmpty() || a.name().isEmpty()) {
        return null;
      }
      int slot = (Integer) a.index().get();
      String name = a.name().get();
      if (slot < 0 || slot >= dims || names[slot] != null || name.isBlank() || name.equals(label)) { // label: null ok
        return null;
      }
      names[slot] = name;
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || !seen.add(name)) {
        return null;
      }
    }
    return List.of(names);
  }
}
