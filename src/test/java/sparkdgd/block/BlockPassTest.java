package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockPassTest {
  @Test
  void treeDepthGrowsWithTheLogOfThePartitionCount() {
    assertEquals(1, BlockPass.treeDepth(1));
    assertEquals(1, BlockPass.treeDepth(32));
    assertEquals(2, BlockPass.treeDepth(33));
    assertEquals(2, BlockPass.treeDepth(1024));
    assertEquals(3, BlockPass.treeDepth(1025));
    assertEquals(3, BlockPass.treeDepth(32768));
  }
}
