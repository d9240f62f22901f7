package sparkdgd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegParamGridTest {
  @Test
  void oneValueIsThePenaltyAndSeveralAreSearchedLargestFirst() {
    RegParamGrid one = RegParamGrid.parse("0.5");
    assertFalse(one.searches());
    assertEquals(0.5, one.smallest());
    RegParamGrid grid = RegParamGrid.parse("0.01, 1,0,0.1");
    assertTrue(grid.searches());
    assertEquals(List.of(1.0, 0.1, 0.01, 0.0), grid.values());
    assertEquals(0.0, grid.smallest());
    assertEquals(1.0, grid.largest());
    assertEquals("1,0.1,0.01,0", grid.toString());
    assertEquals("0.0001", RegParamGrid.plain(1e-4));
  }

  @Test
  void repeatedNegativeAndMissingValuesAreRefusedNamingThem() {
    assertEquals("--reg-param names 0.1 twice",
        assertThrows(IllegalArgumentException.class, () -> RegParamGrid.parse("0.1,1,0.10")).getMessage());
    assertEquals("--reg-param must be a finite number >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> RegParamGrid.parse("1,-1")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RegParamGrid.parse("1,,0.1")).getMessage()
        .startsWith("--reg-param must be a number >= 0, or several separated by commas to choose among (e.g. "
            + "1,0.1,0.01), got \"1,,0.1\""));
  }
}
