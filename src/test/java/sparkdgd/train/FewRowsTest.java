package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fewer training rows than parameters (features, plus the intercept when fitted) get a warning naming the fix. */
class FewRowsTest {

  @Test
  void asManyRowsAsParametersSayNothing() {
    assertEquals(Optional.empty(), FewRows.warning(2, 1, 1, true, 0, 0, 0), "2 rows, a slope and an intercept");
    assertEquals(Optional.empty(), FewRows.warning(9, 8, 8, true, 3991, 0, 0));
    assertEquals(Optional.empty(), FewRows.warning(1, 1, 1, false, 0, 0, 0), "through the origin: 1 parameter");
    assertEquals(Optional.empty(), FewRows.warning(1_000, 1, 1, true, 0, 0, 0), "the tutorial");
  }

  @Test
  void aValidationSplitThatLeavesTooFewRowsIsNamed() {
    // sample-data/correlated.csv at --validation-fraction 0.999: 3 of 4,000 rows left, 8 features + 1 intercept
    assertEquals(Optional.of("3 training rows for 9 parameters (8 features and the intercept): the rows cannot "
        + "determine the model, and many fit them equally well; --validation-fraction holds out the other 3,997; use "
        + "a smaller --validation-fraction"), FewRows.warning(3, 8, 8, true, 3_997, 0, 0));
    assertEquals(Optional.of("1 training row for 2 parameters (1 feature and the intercept): the rows cannot "
        + "determine the model, and many fit them equally well; --validation-fraction holds out the other 999; use a "
        + "smaller --validation-fraction"), FewRows.warning(1, 1, 1, true, 999, 0, 0));
  }

  @Test
  void withoutValidationMoreRowsFewerFeaturesOrAPenalty() {
    assertEquals(Optional.of("2 training rows for 3 parameters (3 features): the rows cannot determine the model, "
        + "and many fit them equally well; train on more rows or fewer features, or add --reg-param (e.g. 0.01) "
        + "for a unique model"), FewRows.warning(2, 3, 3, false, 0, 0, 0));
    assertEquals(Optional.of("2 training rows for 4 parameters (3 features and the intercept): the rows cannot "
        + "determine the model, and many may fit them equally well; train on more rows or fewer features, or give the "
        + "penalty an L2 part (--elastic-net below 1) for a unique model"),
        FewRows.warning(2, 3, 3, true, 0, 0.1, 1), "an L1 penalty alone may leave many minimisers, usually one");
  }

  @Test
  void aPenaltyWithAnL2PartMakesTheModelUniqueAndSaysNothing() {
    // sparse text: 300 rows, 1,000 features, --reg-param 0.1 (ridge, and elastic net below 1)
    assertEquals(Optional.empty(), FewRows.warning(300, 1_000, 1_000, true, 0, 0.1, 0));
    assertEquals(Optional.empty(), FewRows.warning(300, 1_000, 1_000, true, 0, 0.1, 0.5));
  }

  /** Features that hold no value are no parameters to determine (their weights stay 0): counted apart. */
  @Test
  void onlyFeaturesHoldingAValueCount() {
    assertEquals(Optional.empty(), FewRows.warning(20_000, 1_980, 1_000_000, true, 0, 0, 0));
    assertEquals(Optional.of("100 training rows for 201 parameters (200 features holding a value and the intercept): "
        + "the rows cannot determine the model, and many fit them equally well; train on more rows or fewer features, "
        + "or add --reg-param (e.g. 0.01) for a unique model"), FewRows.warning(100, 200, 5_000, true, 0, 0, 0));
  }

  @Test
  void aSplitIsNamedOnlyWhenAllTheRowsWouldDo() {
    // 300 rows in all for 1,001 parameters: a smaller --validation-fraction cannot help
    assertEquals(Optional.of("240 training rows for 1,001 parameters (1,000 features and the intercept): the rows "
        + "cannot determine the model, and many fit them equally well; train on more rows or fewer features, or add "
        + "--reg-param (e.g. 0.01) for a unique model"), FewRows.warning(240, 1_000, 1_000, true, 60, 0, 0));
  }
}
