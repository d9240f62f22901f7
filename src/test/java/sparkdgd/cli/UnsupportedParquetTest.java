package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sparkdgd.data.ParquetSource;

/**
 * Valid Parquet written in a way this Spark does not read (a user review of pyarrow's files): a BYTE_STREAM_SPLIT
 * encoding and a codec whose class is missing (Brotli). Both had been called "a data page is corrupt ... replace or
 * delete the file".
 */
class UnsupportedParquetTest {
  /**
   * What Spark 4.2's vectorized reader threw for pyarrow's BYTE_STREAM_SPLIT floats in the review (Spark's own writer,
   * asked for the encoding, wrote files this reader decodes: no such file is made here).
   */
  @Test
  void anEncodingTheVectorizedReaderDoesNotDecodeIsToldTheSettingThatReadsIt() {
    assertEquals("it uses an encoding Spark's vectorized Parquet reader does not decode; add --conf "
        + "spark.sql.parquet.enableVectorizedReader=false (slower), or rewrite it without it (pyarrow: "
        + "use_byte_stream_split=False)",
        ParquetSource.unsupported(new UnsupportedOperationException("Unsupported encoding: BYTE_STREAM_SPLIT")));
    assertEquals(null, ParquetSource.unsupported(new java.io.IOException("could not verify page integrity")));
  }

  @Test
  void aCodecWhoseClassIsMissingIsNamed() {
    assertEquals("it is compressed with Brotli, a codec this Spark cannot decompress (its class is not on the "
        + "classpath); rewrite it with snappy, zstd or gzip (pyarrow: compression='zstd')",
        ParquetSource.unsupported(new ClassNotFoundException("org.apache.hadoop.io.compress.BrotliCodec")));
  }
}
