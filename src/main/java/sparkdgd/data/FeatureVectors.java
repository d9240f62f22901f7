package sparkdgd.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
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
    if (value instanceof Vector v) {
      return v;
    }
    scala.collection.Seq<?> array = (scala.collection.Seq<?>) value;
    double[] values = new double[array.size()];
    scala.collection.Iterator<?> it = array.iterator();
    for (int k = 0; k < values.length; k++) {
      Object e = it.next();
      if (e == null) {
        throw new NullElement(k);
      }
      values[k] = ((Number) e).doubleValue();
    }
    return new DenseVector(values);
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
