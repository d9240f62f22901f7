package sparkdgd.generate;

import sparkdgd.config.InputFormat;

/**
 * One generated row as a text line: CSV {@code x1,..,xd,y}, or LIBSVM {@code y i:v ..} with 1-based
 * ascending indices and only the non-zero values. Doubles are written in Java's shortest
 * round-tripping form, so reading them back gives exactly the generated values; a class label as 0 or 1.
 */
final class RowText {
  private RowText() {}

  static String header(int features) {
    StringBuilder sb = new StringBuilder();
    for (int j = 1; j <= features; j++) {
      sb.append('x').append(j).append(',');
    }
    return sb.append('y').toString();
  }

  static String line(InputFormat format, double[] x, double y, boolean classLabel, StringBuilder sb) {
    sb.setLength(0);
    if (format == InputFormat.LIBSVM) {
      appendLabel(sb, y, classLabel);
      for (int j = 0; j < x.length; j++) {
        if (x[j] != 0) {
          sb.append(' ').append(j + 1).append(':').append(x[j]);
        }
      }
    } else {
      for (double v : x) {
        sb.append(v).append(',');
      }
      appendLabel(sb, y, classLabel);
    }
    return sb.toString();
  }

  private static void appendLabel(StringBuilder sb, double y, boolean classLabel) {
    if (classLabel) {
      sb.append((int) y);
    } else {
      sb.append(y);
    }
  }
}
