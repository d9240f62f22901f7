package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's small values: sizes, timing statistics, the step rule, the read loop, the data's layout. */
class BenchmarkUnitsTest {
  @Test
  void kernelWarmupRunsEachFeatureCountOnce() {
    String line = KernelWarmup.run(List.of(new Size(1000, 25), new Size(1000, 3), new Size(5, 25)), 64, 0.05);
    assertTrue(line.startsWith("Our squared loss's loops compiled before anything was measured: "), line);
    assertTrue(line.contains(" passes over 8 small blocks of 3, 25 features, float64 and float32"), line);
    assertFalse(line.contains(": 0 passes"), line);
  }

  @Test
  void sizesParseWithExponents() {
    assertEquals(new Size(10_000_000, 10), Size.parse("1e7x10"));
    assertEquals(new Size(1_000_000, 100), Size.parse(" 1000000X100 "));
    assertEquals(new Size(200_000, 10), Size.parse("2e5x10"));
    assertEquals("1e7 x 10", Size.parse("1e7x10").label());
    assertEquals("2e5 x 10", Size.parse("2e5x10").label());
    assertEquals("3,001 x 4", new Size(3001, 4).label());
    for (String bad : List.of("1e7", "x10", "1.5x10", "0x3", "10x0", "ax3", "10x2.5")) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(bad), bad);
    }
  }

  @Test
  void warmupGoesOnWhileTheJitCompilesAndStopsOnceItIsQuiet() throws Exception {
    int[] runs = new int[1];
    long[] compiled = new long[1];
    // A JIT that compiles 50 ms during each of the first 6 runs, then nothing.
    Timer.Work work = () -> {
      runs[0]++;
      if (runs[0] <= 6) {
        compiled[0] += 50;
      }
    };
    new Timer(2, 3, () -> compiled[0], () -> CpuTicks.UNKNOWN).measure(work);
    assertEquals(7 + 3, runs[0], "2 fixed warm-ups, 5 more until the 7th is quiet, then 3 timed");

    runs[0] = 0;
    compiled[0] = 0;
    new Timer(2, 3, () -> compiled[0], () -> CpuTicks.UNKNOWN).measure(() -> {
      runs[0]++;
      compiled[0] += 1;
    });
    assertEquals(2 + 3, runs[0], "a quiet JIT adds no run");

    runs[0] = 0;
    new Timer(2, 3, () -> compiled[0], () -> CpuTicks.UNKNOWN).measure(() -> {
      runs[0]++;
      compiled[0] += 1000;
    });
    assertEquals(2 + Timer.MAX_EXTRA_RUNS + 3, runs[0], "a JIT that never settles stops at the cap");

    runs[0] = 0;
    new Timer(0, 3, () -> compiled[0], () -> CpuTicks.UNKNOWN).measure(work);
    assertEquals(3, runs[0], "no warm-up asked, none run");

    // 12 ms of compilation in a run of at least 300 ms is under 5% of it: quiet, although over 10 ms.
    runs[0] = 0;
    new Timer(2, 3, () -> compiled[0], () -> CpuTicks.UNKNOWN).measure(() -> {
      runs[0]++;
      compiled[0] += 12;
      Thread.sleep(300);
    });
    assertEquals(2 + 3, runs[0], "compilation under 5% of the run adds no run");
  }

  @Test
  void cpuCountersAreReadFromProcStatsFirstLine() {
    CpuTicks t = CpuTicks.parse("cpu  2381338 80770 215144 1260813 7504 0 9672 9888 0 0");
    assertEquals(2381338L + 80770 + 215144 + 1260813 + 7504 + 0 + 9672 + 9888, t.total());
    assertEquals(9888, t.stolen());
    CpuTicks later = new CpuTicks(t.total() + 400, t.stolen() + 30);
    assertEquals(30 / 400.0, t.stolenShareUntil(later));
    assertTrue(Double.isNaN(t.stolenShareUntil(t)), "no tick passed");
    assertTrue(Double.isNaN(CpuTicks.UNKNOWN.stolenShareUntil(later)));
    assertTrue(Double.isNaN(t.stolenShareUntil(CpuTicks.UNKNOWN)));
    CpuTicks span = t.until(later);
    CpuTicks twoSpans = CpuTicks.ZERO.plus(span).plus(new CpuTicks(100, 0));
    assertEquals(30 / 500.0, twoSpans.stolenShare(), "spans add tick for tick");
    assertTrue(Double.isNaN(twoSpans.plus(t.until(CpuTicks.UNKNOWN)).stolenShare()), "one unknown span: unknown");
    for (String bad : List.of("cpu0 1 2 3 4 5 6 7 8", "cpu 1 2 3 4 5 6 7", "intr 1 2 3 4 5 6 7 8", "cpu 1 2 x 4 5 6 7 8")) {
      assertThrows(IllegalArgumentException.class, () -> CpuTicks.parse(bad), bad);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat")));
    assertTrue(CpuTicks.read().total() > 0, "/proc/stat is readable, so its counters are read");
  }

  @Test
  void stolenShareCoversTheTimedRunsOnly() throws Exception {
    long[] ticks = {1000, 0};
    int[] runs = new int[1];
    // Each warm-up run: 100 ticks, all stolen; each timed run: 100 ticks, 10 stolen.
    Stats s = new Timer(2, 3, () -> 0L, () -> new CpuTicks(ticks[0], ticks[1])).measure(() -> {
      runs[0]++;
      ticks[0] += 100;
      ticks[1] += runs[0] <= 2 ? 100 : 10;
    });
    assertEquals(5, runs[0]);
    assertEquals(0.1, s.stolenShare(), 1e-15);
    assertEquals(0.1, s.scaled(1e3).stolenShare(), 1e-15);
    assertEquals("10.0%", BenchmarkReport.percent(s.stolenShare()));
    assertEquals("unknown", BenchmarkReport.percent(new Stats(new double[] {1}).stolenShare()));
  }

  @Test
  void piecesMeasuredInTurnsRunInChangingOrderAfterTheirWarmUpsAndKeepTheirOwnTimes() throws Exception {
    StringBuilder order = new StringBuilder();
    long[] ticks = {0, 0};
    List<Timer.Work> works = new java.util.ArrayList<>();
    String pieces = "abc";
    for (int p = 0; p < pieces.length(); p++) {
      char piece = pieces.charAt(p);
      long sleepMillis = 60L * p; // a: none, b: 60 ms, c: 120 ms
      works.add(() -> {
        order.append(piece);
        ticks[0] += 100;
        ticks[1] += piece == 'b' ? 25 : 0; // only b's runs lose CPU time to other guests
        Thread.sleep(sleepMillis);
      });
    }
    List<Stats> s = new Timer(1, 4, () -> 0L, () -> new CpuTicks(ticks[0], ticks[1])).measureInTurns(works);
    assertEquals("abc" + "abc" + "bac" + "cab" + "acb", order.toString(),
        "one warm-up each, then rounds from a forwards, b backwards, c forwards, a backwards");
    assertEquals(3, s.size());
    for (Stats each : s) {
      assertEquals(4, each.seconds().length);
    }
    // each piece's timings are its own: sleep never returns early, and a run of nothing takes far less than 60 ms
    assertTrue(s.get(0).max() < 0.06, "a: " + s.get(0).max());
    assertTrue(s.get(1).min() >= 0.06, "b: " + s.get(1).min());
    assertTrue(s.get(2).min() >= 0.12, "c: " + s.get(2).min());
    assertEquals(0.0, s.get(0).stolenShare());
    assertEquals(0.25, s.get(1).stolenShare());
    assertEquals(0.0, s.get(2).stolenShare());
    assertTrue(s.get(0).turns() > 0);
    assertEquals(s.get(0).turns(), s.get(1).turns());
    assertEquals(s.get(0).turns(), s.get(2).turns());
  }

  @Test
  void timingsInRoundsKeepTheirRoundsOrderAndEachCallOfTurnsItsOwnNumber() throws Exception {
    int[] runs = {0};
    Timer timer = new Timer(0, 3, () -> 0L, () -> CpuTicks.UNKNOWN);
    List<Stats> s = timer.measureInTurns(List.of(() -> Thread.sleep(100L * (3 - runs[0]++)), () -> { }));
    double[] rounds = s.get(0).inRounds(); // 300, 200, 100 ms: the order they ran in, not sorted
    assertTrue(rounds[0] > rounds[1] && rounds[1] > rounds[2], java.util.Arrays.toString(rounds));
    assertTrue(rounds[2] >= 0.1, java.util.Arrays.toString(rounds)); // sleep never returns early
    Stats alone = timer.measure(() -> { });
    assertTrue(alone.turns() > 0 && alone.turns() != s.get(0).turns());
    assertTrue(s.get(0).pairedRatio(alone).isEmpty(), "timings of different turns are not paired");
  }

  @Test
  void pairedRatioIsTheMedianOfTheRoundsRatios() {
    // rounds' ratios 0.5, 2 and 2: median 2, where the medians' ratio is 1 and the minima's 1
    Stats a = new Stats(new double[] {0.1, 0.4, 0.2}, Double.NaN, 7);
    Stats b = new Stats(new double[] {0.2, 0.2, 0.1}, Double.NaN, 7);
    assertEquals(2.0, a.pairedRatio(b).orElseThrow(), 1e-15);
    assertEquals(0.4, a.per(5).pairedRatio(b).orElseThrow(), 1e-15);
    assertTrue(a.pairedRatio(new Stats(new double[] {0.2, 0.2, 0.1}, Double.NaN, 8))
        .isEmpty());
    assertTrue(new Stats(new double[] {0.1, 0.4, 0.2}).pairedRatio(new Stats(new double[] {0.2, 0.2, 0.1}))
        .isEmpty(), "timings not measured in turns are not paired");
    SizeResult r = new SizeResult(DataSpec.of(new Size(1000, 10), 2, 100, 1),
        java.util.Map.of(Measure.OURS_F64, a, Measure.PLAIN_ALL, b, Measure.EMPTY_JOB, new Stats(new double[] {0.1})),
        2, 1, new CoefficientCheck(1, 1, new double[] {1}, new double[] {1}), List.of());
    assertEquals(2.0, r.pairedRatio(Measure.OURS_F64, Measure.PLAIN_ALL).orElseThrow(), 1e-15);
    assertTrue(r.pairedRatio(Measure.OURS_F64, Measure.EMPTY_JOB).isEmpty());
    StringBuilder md = new StringBuilder();
    BenchmarkReport.appendSize(md, r);
    assertTrue(md.toString().contains("| our epoch (float64) / plain Java, 2 threads | 1.00 | 1.00 | 2.00 |"), md.toString());
    assertTrue(md.toString().contains("| our epoch (float64) / empty Spark job | 2.00 | 1.00 | - |"), md.toString());
  }

  @Test
  void machineLineSaysWhetherTheHeapWasTouchedAtStartOnHugePagesAndWhenG1MarksIt() {
    Machine touched = new Machine(2, 1L << 30, "driver memory 1g as given", true, true,
        "G1 marks the heap from 90% occupancy (-XX:-G1UseAdaptiveIHOP)", -1, "17", "on vectors", "4.2.0",
        "local[2]", "d");
    Machine grown = new Machine(2, 1L << 30, "driver memory 1g as given", false, false, null, -1, "17", null,
        "4.2.0", "local[2]", "d");
    assertEquals("2 cores, driver max heap 1.0 GiB (driver memory 1g as given), heap committed and touched at "
        + "start (-XX:+AlwaysPreTouch), heap on transparent huge pages (-XX:+UseTransparentHugePages), G1 marks the "
        + "heap from 90% occupancy (-XX:-G1UseAdaptiveIHOP), Java 17, dense blocks' squared loss on vectors, Spark "
        + "4.2.0, master local[2], d", touched.line());
    assertEquals("2 cores, driver max heap 1.0 GiB (driver memory 1g as given), Java 17, Spark 4.2.0, master "
        + "local[2], d", grown.line());
  }

  /** Surefire's JVMs keep G1's defaults where G1 runs (the collector's own MXBeans say whether it does). */
  @Test
  void concurrentMarkingIsReadFromTheJvm() {
    boolean g1 = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .anyMatch(gc -> gc.getName().startsWith("G1 "));
    assertEquals(g1 ? "G1 marks the heap when it predicts it must (adaptive, from 45% occupancy)" : null,
        Machine.currentG1Marking());
  }

  @Test
  void statsAreMedianMinMax() {
    Stats odd = new Stats(new double[] {3, 1, 2});
    assertEquals(2, odd.median());
    assertEquals(1, odd.min());
    assertEquals(3, odd.max());
    assertEquals((2 + 4) / 2.0, new Stats(new double[] {4, 1, 2, 9}).median());
    assertEquals(0.5, new Stats(new double[] {5, 10}).per(10).min());
  }

  @Test
  void ourStepIsHalfOfMllibsDecayingStep() {
    // MLlib: w -= (s/sqrt(i)) (1/n) sum r x; ours: w -= eta_i (2/n) sum r x, so eta_i = s / (2 sqrt(i))
    assertEquals(0.5, StepRule.ourStep(1.0, 1));
    assertEquals(0.3 / (2 * 3), StepRule.ourStep(0.3, 9), 1e-17);
    // automatic s = 1/L with L = 1/12 + d/4 + 1
    assertEquals(1 / (1.0 / 12 + 10 / 4.0 + 1), StepRule.mllibStep(0, 10));
    assertEquals(0.02, StepRule.mllibStep(0.02, 10));
  }

  @Test
  void blockReadSumsEveryFeatureAndLabelOnce() throws Exception {
    DataSpec spec = new DataSpec(1001, 3, 2, 100, 1, DataSpec.INTERCEPT, DataSpec.NOISE);
    List<sparkdgd.block.DenseBlock> blocks = spec.localBlocks();
    double expected = 0;
    for (sparkdgd.block.DenseBlock b : blocks) {
      for (int k = 0; k < b.rows() * b.dims(); k++) {
        expected += b.tiles()[k];
      }
      for (int i = 0; i < b.rows(); i++) {
        expected += b.labels()[i];
      }
    }
    for (int threads : new int[] {1, 3}) {
      try (BlockRead read = new BlockRead(blocks, 3, threads)) {
        assertEquals(expected, read.pass(), 1e-9 * Math.abs(expected), threads + " threads");
      }
    }
  }

  @Test
  void readLoopSumsEveryElement() {
    double[] a = new double[19];
    for (int i = 0; i < a.length; i++) {
      a[i] = i + 1;
    }
    assertEquals(19 * 20 / 2.0, ReadBandwidth.sum(a, 0, 19));
    assertEquals(3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11, ReadBandwidth.sum(a, 2, 11));
  }

  @Test
  void localBlocksHoldEveryRowOnceAndBytesCountFeaturesAndLabels() {
    DataSpec spec = new DataSpec(1001, 3, 2, 100, 1, DataSpec.INTERCEPT, DataSpec.NOISE);
    long rows = spec.localBlocks().stream().mapToLong(b -> b.rows()).sum();
    assertEquals(1001, rows);
    assertEquals(11, spec.localBlocks().size()); // 501 and 500 rows in blocks of 100: 6 (the last of 1 row) + 5
    assertEquals(1001L * (3 * 8 + 8), spec.blockBytes(8));
    assertEquals(1001L * (3 * 4 + 8), spec.blockBytes(4));
  }

  @Test
  void rowScalingComparesEpochsOfSizesWithTheSameFeatures() {
    SizeResult small = epochOnly(new Size(1000, 10), 0.1, 0.3, 0.2);
    SizeResult large = epochOnly(new Size(2000, 10), 0.5, 0.3, 0.4);
    SizeResult other = epochOnly(new Size(4000, 5), 1, 1, 1);
    StringBuilder md = new StringBuilder();
    BenchmarkReport.appendRowScaling(md, List.of(large, other, small));
    assertEquals("\n## Our epoch against the rows\n\n| sizes | rows ratio | epoch (float64, medians) | epoch ratio |\n"
        + "|---|---:|---|---:|\n| 1e3 x 10 to 2e3 x 10 | 2.00 | 200 ms to 400 ms | 2.00 |\n", md.toString());
    StringBuilder none = new StringBuilder();
    BenchmarkReport.appendRowScaling(none, List.of(small, other));
    assertEquals("", none.toString());
  }

  @Test
  void ratiosAreOfMediansAndOfMinima() {
    DataSpec spec = DataSpec.of(new Size(1000, 10), 2, 100, 1);
    SizeResult r = new SizeResult(spec, java.util.Map.of(Measure.OURS_F64, new Stats(new double[] {0.1, 0.3, 0.2}),
        Measure.PLAIN_ALL, new Stats(new double[] {0.08, 0.1, 0.4})), 2, 1,
        new CoefficientCheck(1, 1, new double[] {1}, new double[] {1}), List.of());
    assertEquals(0.2 / 0.1, r.ratio(Measure.OURS_F64, Measure.PLAIN_ALL).orElseThrow(), 1e-15);
    assertEquals(0.1 / 0.08, r.ratioOfMinima(Measure.OURS_F64, Measure.PLAIN_ALL).orElseThrow(), 1e-15);
    assertTrue(r.ratioOfMinima(Measure.OURS_F64, Measure.EMPTY_JOB).isEmpty());
  }

  private static SizeResult epochOnly(Size size, double... epochSeconds) {
    DataSpec spec = DataSpec.of(size, 2, 100, 1);
    return new SizeResult(spec, java.util.Map.of(Measure.OURS_F64, new Stats(epochSeconds)), 2, 1,
        new CoefficientCheck(1, 1, new double[] {1}, new double[] {1}), List.of());
  }

  @Test
  void helpFormatsEveryFlagWithoutPicocliWarnings() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
    java.io.PrintStream systemErr = System.err;
    int code;
    System.setErr(new java.io.PrintStream(stray, true, java.nio.charset.StandardCharsets.UTF_8));
    try (java.io.PrintStream po = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
      code = sparkdgd.cli.Main.run(new String[] {"benchmark", "--help"}, po, po);
    } finally {
      System.setErr(systemErr);
    }
    String help = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, code, help);
    // picocli formats descriptions with String.format: an unescaped '%' makes it warn on stderr
    assertEquals("", stray.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(help.contains("5% of its time"), help);
    assertTrue(help.contains("of medians and of minima"), help);
  }

  @Test
  void configRejectsMorePartitionsThanRows() {
    assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(List.of(new Size(3, 2)), 4, 10, 0, 0, 1, 1,
        1, 1, 0, 1, false, null));
  }
}
