package org.futexlab.linux.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detection half of every scenario's twin pair (the other half is the scenario itself, which Surefire runs on
 * the fixed model): with the variant each scenario declares in {@code detects}, the scenario must fail, under PCT
 * with its own budget and under EXHAUSTIVE with a small preemption bound, and fail with the symptom it was written
 * for, not with any failure. A thread scenario that PCT catches after its first schedule fails in the same
 * schedule with schedules run two at a time.
 */
class VariantMatrixTest {
    /** Linearizability checks: Lincheck explores, not a strategy, so one run each, and they fail as such. */
    private static final Class<?> LINCHECK = load("org.futexlab.linux.linearizability.LinearizabilityScenarios");

    private static final List<Class<?>> SCENARIOS = List.of(PiFutexScenarios.class, FaultScenarios.class,
            RobustFutexScenarios.class, UserfaultfdScenarios.class, FpuScenarios.class,
            load("org.futexlab.linux.readme.ReadmeScenarios"), LINCHECK);

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The exhaustive search's bound and budget: small enough to be cheap, enough to reach every bug here. */
    private static final int BOUND = 1;
    private static final int EXHAUSTIVE_BUDGET = 20_000;

    /** What each (scenario, variant) must show: the symptom ids in the failure, or the failed check's text. */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("timeoutWhileBucketContended/futex-pi-recursive-waiter", List.of("A-S1", "A-S2"));
        EXPECTED.put("timeoutUnderLockdep/futex-pi-recursive-waiter", List.of("A-S3"));
        EXPECTED.put("lockAfterALeavingWaiter/futex-pi-stale-pi-state", List.of("A-S4"));
        EXPECTED.put("wakeOpOnACleanPteWithSoftwareDirtyTracking/futex-fault-in-gup", List.of("D-S1", "soft lockup"));
        EXPECTED.put("wakeOpWhileWritebackCleansThePage/futex-fault-in-gup", List.of("D-S1", "soft lockup"));
        EXPECTED.put("lockPiOnAWriteOnlyMapping/futex-fault-in-write-only", List.of("D-S1", "soft lockup"));
        EXPECTED.put("wakeOpOnACleanPage/futex-fault-in-gup", List.of("D-S1", "soft lockup"));
        EXPECTED.put("unlockThenUnmapAndReuse/futex-robust-unlock", List.of("E-S1"));
        EXPECTED.put("exitWithMoreThanTheLimitHeld/futex-robust-list2-unlimited-walk", List.of("E-S2"));
        EXPECTED.put("exitWithACircularList/futex-robust-list2-destructive-walk", List.of("E-S4"));
        EXPECTED.put("addAListWhileAnotherTaskReadsTheTable/futex-robust-list2-publish", List.of("E-S6"));
        EXPECTED.put("robustListTable/futex-robust-list2-publish",
                List.of("RobustListTableCheck", "E-S6", "use of uninitialized memory in get_robust_list2"));
        EXPECTED.put("emulatorKeepsItsOwnListAndItsGuests/futex-robust-list2-32bit", List.of("E-S5"));
        EXPECTED.put("spuriousWakeUpOfAUserfault/userfaultfd-waken-loop", List.of("C-S1", "SIGBUS"));
        EXPECTED.put("forkWhileASiblingRequestsAmx/x86-fpu-clone-inherit-perms", List.of("B-S1"));
    }

    /**
     * Variants a scenario must survive although they are in: the bug needs something the scenario does not have
     * (hardware dirty tracking makes get_user_pages() enough).
     */
    private static final Map<String, String> PASSES_WITH = Map.of(
            "FaultScenarios#wakeOpOnACleanPteWithHardwareDirtyTracking", "futex-fault-in-gup",
            "UserfaultfdScenarios#spuriousWakeUpOfAUserfaultWithUnboundedRetries", "userfaultfd-waken-loop",
            "FpuScenarios#forkWhileASiblingRequestsAmxWithoutPreemptRt", "x86-fpu-clone-inherit-perms");

    static Stream<Arguments> detections() {
        List<Arguments> out = new ArrayList<>();
        for (Class<?> c : SCENARIOS) {
            for (Method m : c.getDeclaredMethods()) {
                KernelScenario ann = m.getAnnotation(KernelScenario.class);
                if (ann == null) {
                    continue;
                }
                for (String variant : ann.detects()) {
                    for (Strategy strategy : c == LINCHECK ? new Strategy[] {Strategy.PCT}
                            : new Strategy[] {Strategy.PCT, Strategy.EXHAUSTIVE}) {
                        out.add(Arguments.of(c.getName(), m.getName(), variant, strategy));
                    }
                }
            }
        }
        return out.stream();
    }

    /** A scenario class left out of SCENARIOS would have its detections asserted nowhere. */
    @Test
    void everyScenarioClassOnTheTestClassPathIsListed() throws Exception {
        Path root = Path.of(VariantMatrixTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '.'))
                    .filter(n -> n.endsWith("Scenarios.class")).map(n -> n.substring(0, n.length() - 6))
                    .collect(Collectors.toList());
        }
        assertThat(found).isNotEmpty();
        assertThat(SCENARIOS.stream().map(Class::getName)).containsExactlyInAnyOrderElementsOf(found);
    }

    @Test
    void everyDeclaredDetectionHasAnExpectedSymptomAndBack() {
        List<String> declared = new ArrayList<>();
        for (Class<?> c : SCENARIOS) {
            for (Method m : c.getDeclaredMethods()) {
                KernelScenario ann = m.getAnnotation(KernelScenario.class);
                if (ann != null) {
                    Arrays.stream(ann.detects()).forEach(v -> declared.add(m.getName() + "/" + v));
                }
            }
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    /**
     * What a scenario must show with its variant is what the variant's catalog entry says it shows: every symptom
     * id among a detection's expectations is in the variant's {@code symptoms}. The catalog may list more than
     * the detections insist on (B-S2, say, shows only when the fork finds siglock contended).
     */
    @Test
    void theExpectedSymptomsAreTheCatalogs() {
        java.util.Properties catalog = org.futexlab.linux.ModelFiles.catalog();
        Map<String, List<String>> expectedByVariant = new LinkedHashMap<>();
        EXPECTED.forEach((key, texts) -> {
            String variant = key.substring(key.indexOf('/') + 1);
            for (String t : texts) {
                if (isSymptomId(t)) {
                    expectedByVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(t);
                }
            }
        });
        for (String variant : org.futexlab.linux.ModelFiles.variantIds(catalog)) {
            List<String> listed = Arrays.stream(catalog.getProperty(variant + ".symptoms", "").split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).collect(Collectors.toList());
            assertThat(listed).as("%s.symptoms against the scenarios' expectations", variant)
                    .containsAll(expectedByVariant.getOrDefault(variant, List.of()));
        }
    }

    private static boolean isSymptomId(String text) {
        for (org.futexlab.linux.kernel.printk.Symptom s : org.futexlab.linux.kernel.printk.Symptom.values()) {
            if (s.id().equals(text)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{1} catches {2} under {3}")
    @MethodSource("detections")
    void theScenarioCatchesItsVariant(String cls, String method, String variant, Strategy strategy)
            throws Exception {
        Class<?> c = Class.forName(cls);
        KernelScenario ann = c.getDeclaredMethod(method, org.futexlab.junit.Scenario.class)
                .getAnnotation(KernelScenario.class);
        Settings st = Settings.of(ann).strategy(strategy).variants(variant);
        if (strategy == Strategy.EXHAUSTIVE) {
            st = st.maxPreemptions(BOUND).schedules(EXHAUSTIVE_BUDGET);
        }
        Exploration e = FutexLab.explore(c, method, st);
        assertThat(e.passed()).as("%s with %s under %s:%n%s", method, variant, strategy, e.report()).isFalse();
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).as(e.report()).isIn(c == LINCHECK ? List.of("LINEARIZABILITY")
                : List.of("CHECK", "EXCEPTION", "DEADLOCK"));
        for (String symptom : EXPECTED.get(method + "/" + variant)) {
            assertThat(f.headline() + "\n" + f.details()).as(e.report()).contains(symptom);
        }
        if (strategy == Strategy.PCT && c != LINCHECK && f.schedule() > 1) {
            // Two models built and run at once share nothing: the same schedule fails, with the same token. (A
            // failure in schedule 1 says nothing here: the first schedule always runs alone.)
            Exploration parallel = FutexLab.explore(c, method, st.parallelism(2));
            Exploration.Failure pf = parallel.failure().orElseThrow(() -> new AssertionError(parallel.report()));
            assertThat(pf.schedule()).as(parallel.report()).isEqualTo(f.schedule());
            assertThat(pf.replayToken()).isEqualTo(f.replayToken());
        }
    }

    @Test
    void theTwinsThatLackWhatTheBugNeedsPassWithTheRevertInEveryScheduleUpToTheBound() {
        PASSES_WITH.forEach((scenario, variant) -> {
            String[] cm = scenario.split("#");
            Exploration e = FutexLab.explore(load(VariantMatrixTest.class.getPackageName() + "." + cm[0]), cm[1],
                    Settings.defaults()
                    .strategy(Strategy.EXHAUSTIVE).maxPreemptions(2).schedules(EXHAUSTIVE_BUDGET).variants(variant));
            assertThat(e.passed()).as(e.report()).isTrue();
            assertThat(e.exhausted()).as(e.report()).isTrue();
        });
    }
}
