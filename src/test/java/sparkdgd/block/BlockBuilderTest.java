package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkdgd.testing.RowMajor;

class BlockBuilderTest {

  @Test
  void packsRowsInOrderAndTrimsTheLastBlock() {
    BlockBuilder b = new BlockBuilder(2, 3);
    List<DenseBlock> blocks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      double[] slot = b.featureSlot();
      slot[b.slotOffset()] = i;
      slot[b.slotOffset() + 1] = 10 * i;
      b.commitRow(100 * i);
      if (b.isFull()) {
        blocks.add(b.build());
      }
    }
    blocks.add(b.build());
    assertTrue(b.isEmpty());
    assertEquals(3, blocks.size());
    assertEquals(3, blocks.get(0).rows());
    assertEquals(1, blocks.get(2).rows());
    assertArrayEquals(new double[] {3, 30, 4, 40, 5, 50}, RowMajor.of(blocks.get(1)), 0.0);
    assertArrayEquals(new double[] {300, 400, 500}, blocks.get(1).labels(), 0.0);
    assertArrayEquals(new double[] {6, 60}, RowMajor.of(blocks.get(2)), 0.0);
    assertArrayEquals(new double[] {600}, blocks.get(2).labels(), 0.0);
  }
}
