package sparkdgd.data;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

/**
 * The session Parquet input is read in: the run's, telling column names apart by case. Parquet files may hold
 * columns whose names differ only in case ({@code a} and {@code A}: pandas writes them, and Spark with
 * {@code spark.sql.caseSensitive=true}); a session that matches names ignoring case refuses to read such a file at
 * all ("[COLUMN_ALREADY_EXISTS] The column `a` already exists", exit 1, naming no file), even when neither column is
 * used. The columns a run uses are already matched exactly ({@link ColumnSelection}, {@link ParquetSchemaAgreement}),
 * so reading by case changes nothing else. A session of its own keeps the setting off the run's other work.
 */
public final class CaseSensitiveReads {
  private CaseSensitiveReads() {}

  /**
   * A session sharing {@code spark}'s SparkContext (cache, broadcasts, jobs) and its settings, with
   * {@code spark.sql.caseSensitive} on. DataFrames read in it carry it into their analysis and their tasks.
   */
  public static SparkSession of(SparkSession spark) {
    SparkSession own = spark.newSession(); // the SparkConf's settings; those set on the session since, copied below
    for (Map.Entry<String, String> e : scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll())
        .entrySet()) {
      if (spark.conf().isModifiable(e.getKey())) {
        own.conf().set(e.getKey(), e.getValue());
      }
    }
    own.conf().set(SQLConf.CASE_SENSITIVE().key(), "true");
    return own;
  }
}
