package org.futexlab.junit;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.tooling.ResultFiles;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.ToolSettings;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit side of {@link KernelScenario}: one invocation per scenario, whose method call is replaced by an
 * exploration that calls the method once per schedule (on a fresh instance when the class has a no-argument
 * constructor and per-method lifecycle; {@code @BeforeEach} and {@code @AfterEach} run once around the whole
 * exploration).
 */
final class KernelScenarioExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, KernelScenario.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        KernelScenario ann = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), KernelScenario.class)
                .orElseThrow();
        return Stream.of(new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return ann.replay().isBlank() ? ann.strategy().name().toLowerCase(java.util.Locale.ROOT)
                        + " exploration" : "replay";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new Placeholders(), new Explore(ann));
            }
        });
    }

    /** Satisfies JUnit's parameter resolution for the skipped invocation; each schedule gets a real Scenario. */
    private static final class Placeholders implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
            Class<?> t = pc.getParameter().getType();
            return t == Scenario.class || t == Variants.class;
        }

        @Override
        public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
            return null;
        }
    }

    private static final class Explore implements InvocationInterceptor {
        private final KernelScenario ann;

        Explore(KernelScenario ann) {
            this.ann = ann;
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> ic, ExtensionContext ctx) throws Throwable {
            invocation.skip();
            Method m = ic.getExecutable();
            Class<?> cls = ctx.getRequiredTestClass();
            String id = cls.getName() + "#" + m.getName();
            Path results = ctx.getConfigurationParameter(ToolSettings.RESULTS_DIR.key()).filter(d -> !d.isBlank())
                    .map(Path::of).orElse(null);
            Settings st = null;
            Exploration r;
            try {
                SettingsResolver.Resolved resolved = SettingsResolver.resolve(ann, ctx::getConfigurationParameter, id,
                        cls.getPackageName(), cls.getClassLoader());
                st = resolved.settings();
                r = explore(ic, ctx, m, cls, id, st, resolved.token());
            } catch (TestAbortedException skipped) {
                throw skipped; // another scenario's replay: nothing ran, nothing to record
            } catch (Throwable e) {
                try {
                    record(results, error(id, st, e));
                } catch (RuntimeException unwritten) {
                    e.addSuppressed(unwritten);
                }
                throw e;
            }
            record(results, result(r));
            ctx.publishReportEntry("futex", r.summary());
            if (r.outcome() == Exploration.Outcome.PASSED) {
                System.out.println("[futex] " + (st.replay().isEmpty() ? r.summary() : r.report()));
                return;
            }
            Throwable cause = r.failure().flatMap(Exploration.Failure::error).orElse(null);
            if (r.outcome() == Exploration.Outcome.FAILED) {
                throw new AssertionFailedError(r.report(), cause);
            }
            throw new ScenarioError(r.report(), cause);
        }

        /** Leaves a scenario's result for the tool that asked for results (futex.resultsDir); else nothing. */
        private static void record(Path dir, ScenarioResult r) {
            if (dir == null) {
                return;
            }
            try {
                ResultFiles.write(dir, r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the result of " + r.scenario() + " to "
                        + ToolSettings.RESULTS_DIR.key() + "=" + dir + ": " + e, e);
            }
        }

        private static ScenarioResult result(Exploration r) {
            ScenarioResult.Failure failure = r.failure().map(f -> new ScenarioResult.Failure(f.kind(), f.headline(),
                    f.schedule(), f.replayToken() == null ? "" : f.replayToken(), f.threads(), f.steps().stream()
                    .map(s -> new ScenarioResult.Step(s.thread(), s.operation(), s.where(), s.preemption()))
                    .toList())).orElse(null);
            return new ScenarioResult(r.scenario(), List.copyOf(r.settings().variants()),
                    ScenarioResult.Outcome.valueOf(r.outcome().name()), r.schedules(), r.exhausted(),
                    r.elapsed().toNanos(), r.report(), failure);
        }

        /** A scenario that could not be explored at all (bad settings, a body that is not a scenario). */
        private static ScenarioResult error(String id, Settings st, Throwable e) {
            String message = String.valueOf(e.getMessage());
            return new ScenarioResult(id, st == null ? List.of() : List.copyOf(st.variants()),
                    ScenarioResult.Outcome.ERROR, 0, false, 0, message, new ScenarioResult.Failure("SETUP",
                    message.lines().findFirst().orElse(""), 0, "", List.of(), List.of()));
        }

        /** @return the exploration of the scenario method, once its settings are known */
        private Exploration explore(ReflectiveInvocationContext<Method> ic, ExtensionContext ctx, Method m,
                Class<?> cls, String id, Settings st, ReplayToken token) {
            int scenarioArg = -1;
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                if (types[i] == Scenario.class) {
                    scenarioArg = i;
                }
            }
            if (scenarioArg < 0) {
                throw new ScenarioError("@KernelScenario method " + id + " must take a " + Scenario.class.getName()
                        + " parameter, on which it declares its threads", null);
            }
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            Constructor<?> fresh = isStatic ? null : freshInstances(cls, ctx);
            ScenarioBody body = body(m, isStatic, fresh, ic.getTarget(), ic.getArguments(), scenarioArg);
            if (st.schedulesAtOnce() > 1 && !isStatic && fresh == null) {
                // Schedules running at once would build their state in one object's fields.
                System.out.println("[futex] " + id + ": runs one schedule at a time, not " + st.parallelism()
                        + ", since each schedule calls the method on the same instance (a per-class lifecycle, "
                        + "an inner class or no no-argument constructor)");
                st = st.parallelism(1);
            }
            try {
                return FutexLab.explore(id, List.of(cls.getPackageName()), st, token, body);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ScenarioError(id + ": " + e.getMessage(), e);
            }
        }

        /**
         * @return the constructor that gives each schedule of an instance method a fresh instance, or null when they
         *     share one
         */
        private static Constructor<?> freshInstances(Class<?> cls, ExtensionContext ctx) {
            boolean perMethod = ctx.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                    == TestInstance.Lifecycle.PER_METHOD;
            if (!perMethod || cls.getEnclosingClass() != null && !Modifier.isStatic(cls.getModifiers())) {
                return null;
            }
            try {
                Constructor<?> fresh = cls.getDeclaredConstructor();
                fresh.setAccessible(true);
                return fresh;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }

        /** @param ctor the constructor of each schedule's instance, or null when they share junitInstance */
        private static ScenarioBody body(Method m, boolean isStatic, Constructor<?> ctor,
                Optional<Object> junitInstance, List<Object> args, int scenarioArg) {
            m.setAccessible(true);
            Object shared = junitInstance.orElse(null);
            Class<?>[] types = m.getParameterTypes();
            return s -> {
                Object[] a = new ArrayList<>(args).toArray();
                a[scenarioArg] = s;
                for (int i = 0; i < types.length; i++) {
                    if (types[i] == Variants.class) {
                        a[i] = s.variants();
                    }
                }
                try {
                    Object target = isStatic ? null : ctor != null ? ctor.newInstance() : shared;
                    m.invoke(target, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
        }
    }
}
