package sparkdgd.data;

import java.util.Locale;

/**
 * Tells a number that holds a character shown as a space, or not shown at all, so that the error names it: a no-break
 * space (U+00A0), which spreadsheets and web pages write after a number or for a space, a narrow no-break space
 * (U+202F), which French locales group thousands with ({@code 1 000}), a zero-width space or a left-to-right mark
 * copied along with a value. Only ordinary spaces and tabs around a value are skipped, so {@code 1.5} followed by a
 * no-break space was refused as {@code found "1.5 "}, which reads as a number with a space that is skipped.
 */
public final class HiddenCharacter {
  /**
   * What a value or line that holds U+FFFD is told: how text whose bytes are not UTF-8 reads (Hadoop decodes lines as
   * UTF-8, each byte it cannot decode as U+FFFD), and the fix.
   */
  public static final String NOT_UTF8 = "which holds bytes that are not UTF-8 text (shown as \\ufffd; Latin-1 or "
      + "Windows-1252, as Excel's \"CSV\" writes, or U+FFFD itself): save the file as UTF-8 (Excel's \"CSV UTF-8\", or "
      + "iconv -f windows-1252 -t utf-8)";
  private static final int SHOWN_CHARACTERS = 40;

  private HiddenCharacter() {}

  /**
   * The warning for column names read with U+FFFD, if any: a header whose bytes are not UTF-8 (Excel's Latin-1 CSV)
   * is read, and its names are recorded so in model.json, where a file saved as UTF-8 later would not match them.
   */
  public static java.util.Optional<String> notUtf8Names(java.util.List<String> features, String label) {
    java.util.List<String> names = new java.util.ArrayList<>(features);
    names.add(label);
    java.util.List<String> garbled = names.stream().filter(HiddenCharacter::notUtf8)
        .map(n -> "\"" + printable(n) + "\"").toList();
    if (garbled.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("the column names " + String.join(", ", garbled) + " are read from a header "
        + NOT_UTF8 + "; model.json records them as read, which a file saved as UTF-8 will not match");
  }

  /** Whether {@code s} holds U+FFFD, which a line's bytes that are not UTF-8 are read as. */
  public static boolean notUtf8(String s) {
    return s.indexOf('\ufffd') >= 0;
  }

  /**
   * {@code raw} for a message: control characters and U+FFFD as {@code \\uXXXX}, and at most 40 characters, "..."
   * after (a value of 5,000,001 characters had made an error line of 5 MB).
   */
  public static String printable(String raw) {
    return printable(raw, SHOWN_CHARACTERS);
  }

  /** {@code raw} for a message as {@link #printable(String)} gives it, at most {@code shown} characters. */
  public static String printable(String raw, int shown) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < raw.length() && sb.length() < shown; i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c) || c == '\ufffd') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return i < raw.length() ? sb + "... (" + raw.length() + " characters)" : sb.toString();
  }

  /**
   * What to tell of {@code raw}, a field that is not a number, before the message about other text: a decimal comma
   * ({@link DecimalComma#hint}), else a hidden character ({@link #hint}); null for neither. The one rule of training's
   * CSV and LIBSVM parsers and of predict's and evaluate's columns.
   */
  public static String misread(String raw) {
    String comma = DecimalComma.hint(raw);
    return comma != null ? comma : hint(raw);
  }

  /**
   * What {@code raw} holds and what to write instead, for the end of a message ({@code "1.5 ", which holds a no-break
   * space (U+00A0), ...: write 1.5}), when it holds such a character and is a number without them (or one with a
   * decimal comma, {@link DecimalComma}), or nothing else; else null, for the message about other text.
   */
  public static String hint(String raw) {
    int at = first(raw);
    if (at < 0) {
      return null;
    }
    String without = without(raw).trim();
    if (without.isEmpty()) { // a cell that looks empty, as spreadsheets leave one holding a no-break space
      return String.format("\"%s\", which holds only %s: the value is empty; fill it in", raw,
          named(raw.codePointAt(at)));
    }
    String holds = String.format("\"%s\", which holds %s, a character that numbers cannot hold (only ordinary spaces "
        + "around them are skipped)", raw, named(raw.codePointAt(at)));
    if (isNumber(without)) {
      return holds + ": write " + without;
    }
    String comma = DecimalComma.hint(without);
    return comma == null ? null : holds + "; without it: " + comma;
  }

  /** The index of the first such character in {@code s}, or -1. */
  private static int first(String s) {
    for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
      if (isHidden(s.codePointAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code c} shows as a space, or not at all: a space or format character (Unicode's Zs, Zl, Zp and Cf), or
   * Java's other whitespace; not the ordinary space nor a control character (a tab shows as what it is).
   */
  private static boolean isHidden(int c) {
    return c != ' ' && !Character.isISOControl(c)
        && (Character.isSpaceChar(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT);
  }

  private static String without(String s) {
    StringBuilder kept = new StringBuilder();
    s.codePoints().filter(c -> !isHidden(c)).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /**
   * Where {@code a} and {@code b}, two different names, first differ, when that cannot be seen in them as a message
   * shows them ({@link #printable(String, int)}, at most {@code shown} characters): "at character 6, a no-break space
   * (U+00A0) against \" \"", or against "its end"; null when it can.
   */
  public static String unseenDifference(String a, String b, int shown) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.codePointAt(i) == b.codePointAt(i)) {
      i = a.offsetByCodePoints(i, 1);
    }
    boolean unseen = printable(a, shown).equals(printable(b, shown)) || i < a.length() && isHidden(a.codePointAt(i))
        || i < b.length() && isHidden(b.codePointAt(i));
    return unseen ? String.format("at character %d, %s against %s", a.codePointCount(0, i) + 1, shown(a, i),
        shown(b, i)) : null;
  }

  private static String shown(String s, int at) {
    if (at >= s.length()) {
      return "its end";
    }
    int c = s.codePointAt(at);
    return isHidden(c) || Character.isISOControl(c) ? named(c) : "\"" + new String(Character.toChars(c)) + "\"";
  }

  /** {@code c} by its Unicode name, with its code: "a no-break space (U+00A0)". */
  private static String named(int c) {
    String name = Character.getName(c);
    if (name == null) {
      return String.format("the character U+%04X", c);
    }
    name = name.toLowerCase(Locale.ROOT);
    return String.format("%s %s (U+%04X)", "aeiou".indexOf(name.charAt(0)) >= 0 ? "an" : "a", name, c);
  }

  private static boolean isNumber(String s) {
    try {
      DecimalParser.parse(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
