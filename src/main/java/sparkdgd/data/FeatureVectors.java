package sparkdgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A column that holds each row's features in one value: a Spark ML vector (as {@code VectorAssembler} writes it) or
 * an array of numbers ({@code array<double>}, {@code array<float>}, ..., as pandas and pyarrow write a column of lists,
 * or Spark's {@code vector_to_array}). Both are read as vectors, an array as a dense one.
 */
public final class FeatureVectors {
  private FeatureVectors() {}

  /** Whether a column of {@code type} holds a row's features in one value. */
  public static boolean holdsFeatures(DataType type) {
    return type.equals(SQLDataTypes.VectorType())
        || type instanceof ArrayType a && a.elementType() instanceof NumericType;
  }

  /** What a value of {@code type} is called in messages: "vector" or "array". */
  public static String kind(DataType type) {
    return type instanceof ArrayType ? "array" : "vector";
  }

  /** "a vector" or "an array", as {@link #kind} names it. */
  public static String withArticle(String kind) {
    return (kind.equals("array") ? "an " : "a ") + kind;
  }

  /**
   * The indices of the columns of {@code schema} that hold the features when no column is named: the Spark ML
   * vector columns when there is one (an array beside it is other data, as it was before arrays were read: data with
   * a vector column and a column of tags trains and scores as it did), else the arrays of numbers.
   */
  public static List<Integer> unnamedCandidates(StructType schema) {
    List<Integer> vectors = new ArrayList<>();
    List<Integer> arrays = new ArrayList<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      DataType type = fields[i].dataType();
      if (type.equals(SQLDataTypes.VectorType())) {
        vectors.add(i);
      } else if (holdsFeatures(type)) {
        arrays.add(i);
      }
    }
    return vectors.isEmpty() ? arrays : vectors;
  }

  /** What a non-null value of such a column is called in messages: "vector" or "array". */
  public static String kindOf(Object value) {
    return value instanceof Vector ? "vector" : "array";
  }

  /** The number of entries of a non-null value of such a column, nulls inside an array counted. */
  public static int size(Object value) {
    return value instanceof Vector v ? v.size() : ((scala.collection.Seq<?>) value).size();
  }

  /**
   * A non-null value of such a column as a vector: a vector as it is, an array of numbers as a dense vector of its
   * values as doubles.
   *
   * @throws NullElement when an array holds a null
   */
  public static Vector of(Object value) {
    return value instanceof Vector v ? v : firstEntries(value, size(value)).first();
  }

  /**
   * The first {@code d} entries of such a value, at least {@code d} long, as a vector of size {@code d}.
   *
   * @param first        those entries
   * @param valuesBeyond the values after them that are stored (a sparse vector's) or neither zero nor null (a dense
   *                     vector's or an array's: a zero adds nothing to a margin, and a null there is not read)
   */
  public record FirstEntries(Vector first, int valuesBeyond) {}

  /**
   * {@link FirstEntries} of a non-null value of such a column: the scoring of data whose vectors are longer than the
   * model's features ({@code --unknown-features ignore}).
   *
   * @throws NullElement when an array holds a null among its first {@code d} entries
   */
  public static FirstEntries firstEntries(Object value, int d) {
    int beyond = 0;
    if (value instanceof SparseVector s) {
      int kept = 0;
      while (kept < s.indices().length && s.indices()[kept] < d) {
        kept++;
      }
      return new FirstEntries(s.size() == d ? s : new SparseVector(d, Arrays.copyOf(s.indices(), kept),
          Arrays.copyOf(s.values(), kept)), s.indices().length - kept);
    }
    if (value instanceof DenseVector v) {
      for (int k = d; k < v.size(); k++) {
        beyond += v.values()[k] != 0 ? 1 : 0;
      }
      return new FirstEntries(v.size() == d ? v : new DenseVector(Arrays.copyOf(v.values(), d)), beyond);
    }
    double[] values = new double[d];
    scala.collection.Iterator<?> it = ((scala.collection.Seq<?>) value).iterator();
    for (int k = 0; it.hasNext(); k++) {
      Object e = it.next();
      if (k < d) {
        if (e == null) {
          throw new NullElement(k);
        }
        values[k] = ((Number) e).doubleValue();
      } else if (e != null && ((Number) e).doubleValue() != 0) {
        beyond++;
      }
    }
    return new FirstEntries(new DenseVector(values), beyond);
  }

  /**
   * An array of doubles as Spark's reader holds it (the column cast to {@code array<double>}), as a dense vector.
   *
   * @throws NullElement when the array holds a null
   */
  static Vector of(ArrayData doubles) {
    double[] values = new double[doubles.numElements()];
    for (int k = 0; k < values.length; k++) {
      if (doubles.isNullAt(k)) {
        throw new NullElement(k);
      }
      values[k] = doubles.getDouble(k);
    }
    return new DenseVector(values);
  }

  /** An array of features with a null in it, at {@link #index()} (from 0). */
  public static final class NullElement extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;

    NullElement(int index) {
      super("element " + (index + 1) + " is null", null, false, false);
      this.index = index;
    }

    public int index() {
      return index;
    }
  }
}
