package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * A value holding a character shown as a space, or not at all, was told as {@code found "1.5 "}, which looks like a
 * number with a space that is skipped: the character is named, with what to write.
 */
class HiddenCharacterTest {
  private static final String CANNOT = ", a character that numbers cannot hold (only ordinary spaces around them are "
      + "skipped)";

  @Test
  void aNumberHoldingOneIsToldWhichAndWhatToWrite() {
    assertEquals("\"1.5\u00a0\", which holds a no-break space (U+00A0)" + CANNOT + ": write 1.5",
        HiddenCharacter.hint("1.5\u00a0"));
    assertEquals("\"1\u202f000\", which holds a narrow no-break space (U+202F)" + CANNOT + ": write 1000",
        HiddenCharacter.hint("1\u202f000"));
    assertEquals("\"\u200b-2e3\", which holds a zero width space (U+200B)" + CANNOT + ": write -2e3",
        HiddenCharacter.hint("\u200b-2e3"));
    assertEquals("\"1\u3000000\", which holds an ideographic space (U+3000)" + CANNOT + ": write 1000",
        HiddenCharacter.hint("1\u3000000"));
    // the first is named; all are left out of what to write
    assertEquals("\"1\u2009000\u00a0\", which holds a thin space (U+2009)" + CANNOT + ": write 1000",
        HiddenCharacter.hint("1\u2009000\u00a0"));
  }

  @Test
  void aDecimalCommaBesideOneIsToldToo() {
    assertEquals("\"1\u202f000,5\", which holds a narrow no-break space (U+202F)" + CANNOT + "; without it: "
        + "\"1000,5\", which has a decimal comma; only '.' is accepted as the decimal point: write 1000.5 (export the "
        + "file with '.' decimals)", HiddenCharacter.hint("1\u202f000,5"));
  }

  @Test
  void aValueOfNothingElseIsEmpty() {
    assertEquals("\"\u00a0\", which holds only a no-break space (U+00A0): the value is empty; fill it in",
        HiddenCharacter.hint("\u00a0"));
  }

  @Test
  void otherTextIsLeftToTheMessageAboutText() {
    assertNull(HiddenCharacter.hint("1.5"));
    assertNull(HiddenCharacter.hint("1 000"), "an ordinary space shows as what it is");
    assertNull(HiddenCharacter.hint("1\t000"), "so does a tab");
    assertNull(HiddenCharacter.hint("n/a\u00a0"), "no number without it either");
  }
}
