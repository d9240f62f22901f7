package sparkdgd.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns pandas' {@code DataFrame.to_parquet} adds for the DataFrame's index: {@code __index_level_0__} for an
 * index without a name, or the index's own name (as {@code df.set_index("id")} leaves it), listed under
 * {@code index_columns} in the JSON pandas writes into the footer's key-value metadata. They number the rows; as
 * features they would fit the row order, and as the default label (pandas writes them last) they would be the
 * target, so runs that choose the columns themselves leave them out.
 */
final class PandasIndex {
  private PandasIndex() {}

  /** The footer's key-value metadata key pandas (through pyarrow) writes its JSON under. */
  static final String FOOTER_KEY = "pandas";

  /** The field metadata key that marks a column named in pandas' {@code index_columns}. */
  static final String MARK = "sparkdgd.pandasIndex";

  private static final Pattern UNNAMED = Pattern.compile("__index_level_\\d+__");

  /**
   * {@code schema} with the columns that {@code pandasJson} (the footer's {@code pandas} value, or null) names as
   * the index marked; the same schema when it names none, or cannot be read (it is only a hint).
   */
  static StructType marked(StructType schema, String pandasJson) {
    Set<String> index = indexColumns(pandasJson);
    if (index.isEmpty()) {
      return schema;
    }
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      if (index.contains(fields[i].name())) {
        Metadata marked = new MetadataBuilder().withMetadata(fields[i].metadata()).putBoolean(MARK, true).build();
        fields[i] = new StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(), marked);
      }
    }
    return new StructType(fields);
  }

  /** Whether {@code field} is a pandas index column: so named, or marked by {@link #marked}. */
  static boolean is(StructField field) {
    return UNNAMED.matcher(field.name()).matches() || field.metadata().contains(MARK);
  }

  /** {@code schema} without its pandas index columns, except {@code keep} (a label named on purpose; may be null). */
  static StructType without(StructType schema, String keep) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      if (!is(f) || f.name().equals(keep)) {
        out = out.add(f);
      }
    }
    return out;
  }

  /** The names under {@code index_columns}: its strings (a RangeIndex is an object there, and no column). */
  private static Set<String> indexColumns(String pandasJson) {
    Set<String> names = new HashSet<>();
    if (pandasJson == null) {
      return names;
    }
    try {
      JsonNode columns = new ObjectMapper().readTree(pandasJson).path("index_columns");
      for (JsonNode c : columns) {
        if (c.isTextual()) {
          names.add(c.asText());
        }
      }
    } catch (IOException e) {
      // not pandas' JSON: no index to leave out
    }
    return names;
  }
}
