package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sparkdgd.loss.HuberLoss;
import sparkdgd.loss.LogisticLoss;

/**
 * --learning-rate's help says how auto's L is taken for each loss, and the factors it states are the losses' own: it
 * said "the MSE's Hessian" only, where logistic regression steps by a bound eight times smaller.
 */
class LearningRateHelpTest {

  @Test
  void autoIsDescribedForEveryLossWithTheFactorsTheCodeUses() {
    String help = String.join(" ", new CommandLine(new TrainCommand(System.out, System.err)).getCommandSpec()
        .findOption("--learning-rate").description());
    assertTrue(help.contains("halved for huber and divided by 8 for logistic"), help);
    assertTrue(help.contains("plus the L2 penalty's"), help);
    // log-loss'' = p (1 - p) <= 1/4 against (r^2)'' = 2: 1/8; Huber's 0.5 r^2 near zero against r^2: 1/2
    assertEquals(0.25 / 2, new LogisticLoss().curvatureRelativeToSquared());
    assertEquals(1.0 / 2, new HuberLoss(1.0).curvatureRelativeToSquared());
  }
}
