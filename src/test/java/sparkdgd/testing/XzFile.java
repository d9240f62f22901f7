package sparkdgd.testing;

/** A small file compressed by the xz tool, for tests of input Hadoop has no codec for. */
public final class XzFile {
  /** "x,y\n1,2\n2,4.5\n" as the xz tool (XZ Utils 5, default settings) compressed it: 72 bytes. */
  public static final String HEX = "fd377a585a000004e6d6b4460200210116000000742fe5a301000d782c790a312c320a322c342e350a"
      + "0000001b575d02d7b93ba20001260e081be0041fb6f37d010000000004595a";

  private XzFile() {}

  /** The file's bytes. */
  public static byte[] bytes() {
    byte[] b = new byte[HEX.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(HEX.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
