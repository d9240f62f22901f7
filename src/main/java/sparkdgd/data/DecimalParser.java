package sparkdgd.data;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads a decimal number ({@code -12.5}, {@code 3e-7}, {@code 0.30000000000000004}) to the double that
 * {@link Double#parseDouble} gives, bit for bit, several times faster: loading CSV spent most of its time in
 * {@code Double.parseDouble} (about 90 ns for {@code -1.2345} and 500-670 ns for a 17-digit value on the
 * benchmark machine, Java 17). Two exact methods, each used only where it is proven to round correctly:
 * <ul>
 *   <li>Clinger's fast path: a significand below 2^53 and a power of ten up to 10^22 are both exact doubles, so
 *       one multiplication or division rounds once, correctly;</li>
 *   <li>Eisel and Lemire's method for up to 19 significant digits: the significand times a 128-bit
 *       approximation of the power of five, which decides the rounding except in cases it detects (D. Lemire,
 *       "Number parsing at a gigabyte per second", Software: Practice and Experience 51(8), 2021; exact ties as
 *       the fast_float library settles them).</li>
 * </ul>
 * Everything else goes to {@code Double.parseDouble}: more digits, subnormal or overflowing results, the rare
 * cases the method cannot decide, and {@code NaN} and {@code Infinity} (signed or not), which callers refuse as not
 * finite. Other text outside {@code [+-]digits[.digits][(e|E)[+-]digits]} is not a number, even where Java reads it
 * as one: a {@code d} or {@code f} suffix and hex ({@code 2f}, {@code 1.5d}, {@code 0x1p3}) are Java literals, which
 * no CSV writer writes, and a typo such as {@code 2f} read as 2.0 while {@code abc} was refused.
 */
public final class DecimalParser {
  private static final int SMALLEST_POWER = -342;
  private static final int LARGEST_POWER = 308;
  private static final long[] POWERS_HIGH = new long[LARGEST_POWER - SMALLEST_POWER + 1];
  private static final long[] POWERS_LOW = new long[LARGEST_POWER - SMALLEST_POWER + 1];
  private static final double[] EXACT_POWERS_OF_TEN = new double[23];
  /** NaN and the infinities as other writers spell them ({@link #spellsNotFinite}). */
  private static final Pattern NOT_FINITE_WORD = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  static {
    BigInteger two128 = BigInteger.ONE.shiftLeft(128);
    for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
      BigInteger c;
      if (q >= 0) {
        // 5^q with its top bit moved to bit 127, truncated
        BigInteger power = BigInteger.valueOf(5).pow(q);
        int shift = 128 - power.bitLength();
        c = shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
      } else {
        // 2^b / 5^-q rounded up (one more than the quotient), with b such that it has 128 bits; for the
        // smaller powers, computed with more bits and then truncated to 128
        BigInteger power = BigInteger.valueOf(5).pow(-q);
        int z = power.subtract(BigInteger.ONE).bitLength(); // the least z with 2^z >= power
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      }
      POWERS_HIGH[q - SMALLEST_POWER] = c.shiftRight(64).longValue();
      POWERS_LOW[q - SMALLEST_POWER] = c.longValue();
    }
    double p = 1;
    for (int k = 0; k < EXACT_POWERS_OF_TEN.length; k++) {
      EXACT_POWERS_OF_TEN[k] = p;
      p *= 10;
    }
  }

  private DecimalParser() {}

  /**
   * The double nearest to the decimal number {@code s}, as {@link Double#parseDouble}; spaces around it are
   * skipped, as that method skips them.
   *
   * @throws NumberFormatException as {@code Double.parseDouble} does, and for the Java literals it reads that are not
   *                               decimals (a {@code d} or {@code f} suffix, hex)
   */
  public static double parse(String s) {
    final int n = s.length();
    int i = 0;
    boolean negative = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    final int afterSign = i;
    long significand = 0;
    int digits = 0; // significant digits in the significand (leading zeros not counted)
    int exponent = 0; // the power of ten the significand is multiplied by
    int integerStart = i;
    for (; i < n && isDigit(s.charAt(i)); i++) {
      if (digits > 0 || s.charAt(i) != '0') {
        significand = significand * 10 + (s.charAt(i) - '0');
        digits++;
      }
    }
    int integerDigits = i - integerStart;
    int fractionDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int fractionStart = i;
      for (; i < n && isDigit(s.charAt(i)); i++) {
        if (digits > 0 || s.charAt(i) != '0') {
          significand = significand * 10 + (s.charAt(i) - '0');
          digits++;
        }
      }
      fractionDigits = i - fractionStart;
      exponent = -fractionDigits;
    }
    if (integerDigits + fractionDigits == 0) {
      return notFinite(s, afterSign); // NaN, Infinity, or no number
    }
    int written = 0;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        negativeExponent = s.charAt(i) == '-';
        i++;
      }
      int exponentStart = i;
      for (; i < n && isDigit(s.charAt(i)); i++) {
        if (written < 100_000) {
          written = written * 10 + (s.charAt(i) - '0');
        }
      }
      if (i == exponentStart) {
        return refused(s);
      }
      exponent += negativeExponent ? -written : written;
    }
    if (i != n) {
      return refused(s); // a suffix, hex, or malformed
    }
    if (digits > 19 || written >= 100_000) {
      return Double.parseDouble(s); // more digits than a long holds, or an exponent far out of range
    }
    if (significand == 0) {
      return negative ? -0.0 : 0.0;
    }
    // a significand of 19 digits may pass Long.MAX_VALUE: it is unsigned from here on
    if (Long.compareUnsigned(significand, 1L << 53) <= 0 && exponent >= -22 && exponent <= 22) {
      double v = (double) significand;
      v = exponent >= 0 ? v * EXACT_POWERS_OF_TEN[exponent] : v / EXACT_POWERS_OF_TEN[-exponent];
      return negative ? -v : v;
    }
    long bits = eiselLemire(significand, exponent);
    if (bits < 0) {
      return Double.parseDouble(s);
    }
    double v = Double.longBitsToDouble(bits);
    return negative ? -v : v;
  }

  /**
   * {@code NaN} or {@code Infinity} after the sign ending at {@code afterSign}, as the JDK reads them; else refused.
   */
  private static double notFinite(String s, int afterSign) {
    final int rest = s.length() - afterSign;
    if (rest == 3 && s.startsWith("NaN", afterSign) || rest == 8 && s.startsWith("Infinity", afterSign)) {
      return Double.parseDouble(s);
    }
    return refused(s);
  }

  /**
   * Whether {@code s}, text that {@link #parse} refused, names a value that is not finite in a spelling other than the
   * JDK's: {@code nan}, {@code inf}, {@code -inf}, {@code Infinity} in any case, as numpy and C ({@code nan},
   * {@code inf}) and R ({@code Inf}) write them. They stay refused; this only lets a message call them what
   * {@code NaN} and {@code Infinity} are called, not finite, where it said it expected a number.
   */
  public static boolean spellsNotFinite(String s) {
    return NOT_FINITE_WORD.matcher(s).matches();
  }

  /**
   * Text that is not a decimal number: read without the spaces around it when it has some (the JDK skips them), else
   * refused, with the JDK's own exception for text it cannot read either and one in its words for the Java literals
   * it reads ({@code 2f}, {@code 1.5d}, {@code 0x1p3}). Only bad values and spaced ones come here, never the fast path.
   */
  private static double refused(String s) {
    String trimmed = s.trim();
    if (trimmed.length() != s.length()) {
      return parse(trimmed);
    }
    Double.parseDouble(s);
    throw new NumberFormatException("For input string: \"" + s + "\"");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The bits of the positive double nearest to {@code w * 10^q} ({@code w} a positive significand of at most 19
   * digits, ties to even), or -1 where this method does not decide: a subnormal or infinite result, or a product
   * too close to a rounding boundary for 128 bits of the power to settle.
   */
  static long eiselLemire(long w, int q) {
    if (q < SMALLEST_POWER || q > LARGEST_POWER) {
      return -1;
    }
    final int leadingZeros = Long.numberOfLeadingZeros(w);
    w <<= leadingZeros;
    final long powerHigh = POWERS_HIGH[q - SMALLEST_POWER];
    long high = unsignedMultiplyHigh(w, powerHigh);
    long low = w * powerHigh;
    if ((high & 0x1FF) == 0x1FF) {
      // the 64 bits of the power may not be enough: add the product with its next 64
      long lowerHigh = unsignedMultiplyHigh(w, POWERS_LOW[q - SMALLEST_POWER]);
      low += lowerHigh;
      if (Long.compareUnsigned(lowerHigh, low) > 0) {
        high++;
      }
      if ((high & 0x1FF) == 0x1FF && low == -1L) {
        return -1;
      }
    }
    final int upperBit = (int) (high >>> 63);
    long mantissa = high >>> (upperBit + 9);
    int power2 = (int) (((152170L + 65536L) * q) >> 16) + 63 + upperBit - leadingZeros + 1023;
    if (power2 <= 0) {
      return -1; // subnormal
    }
    if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
        && (mantissa << (upperBit + 9)) == high) {
      // exactly halfway between two doubles (possible only for these powers), the lower one even: round down
      mantissa &= ~1L;
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if (mantissa >= 1L << 53) {
      mantissa = 1L << 52;
      power2++;
    }
    mantissa &= ~(1L << 52);
    if (power2 >= 0x7FF) {
      return -1; // infinite
    }
    return mantissa | (long) power2 << 52;
  }

  /** The high 64 bits of the unsigned 128-bit product of {@code a} and {@code b}. */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}
