package dev.vigil.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ../shared/DESIGN.md "The runtime seam": engine code outside the production runtime never touches the
 * wall clock, threads, executors or randomness directly, so the simulator can own all of them.
 */
class RuntimeSeamArchitectureTest {
    private static final String SYSTEM_CLOCK = "dev.vigil.engine.EngineClock";
    private static final String PRODUCTION_RUNTIME = "dev.vigil.engine.runtime.ProductionRuntime";
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("dev.vigil.engine");
    }

    private static DescribedPredicate<JavaClass> outsideProductionRuntime() {
        // The system clock (EngineClock.system(), what the production runtime runs on) is the
        // runtime's too: it lives beside the interface so that probes can use it without the
        // runtime package.
        return DescribedPredicate.describe("outside the production runtime and its system clock",
                javaClass -> !within(javaClass, PRODUCTION_RUNTIME) && !within(javaClass, SYSTEM_CLOCK));
    }

    private static boolean within(JavaClass javaClass, String className) {
        return javaClass.getName().equals(className) || javaClass.getName().startsWith(className + "$");
    }

    private static ArchRule forbidden(String what, DescribedPredicate<? super JavaAccess<?>> access) {
        return noClasses().that(outsideProductionRuntime()).should().accessTargetWhere(access).because(what);
    }

    private static DescribedPredicate<JavaAccess<?>> call(Class<?> owner, String name) {
        return DescribedPredicate.describe(owner.getSimpleName() + "." + name,
                access -> access.getTargetOwner().isEquivalentTo(owner) && access.getTarget().getName().equals(name));
    }

    @Test
    void importedTheEngine() {
        // Guards against a rule that passes because it checked nothing.
        assertThat(engine.contain("dev.vigil.engine.VigilEngine")).isTrue();
        assertThat(engine.contain(PRODUCTION_RUNTIME)).isTrue();
    }

    @Test
    void theSubpackagesFormAPipelineWithoutCycles() {
        // lane, store and probe at the bottom; runtime over probe; operation, event, status,
        // check and monitor above: the API package composes them and is left out.
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.vigil.engine.(*)..")
                .should().beFreeOfCycles().check(engine);
    }

    @Test
    void noWallClockOrMonotonicClockOutsideTheRuntime() {
        forbidden("time comes from the runtime seam's EngineClock", call(System.class, "currentTimeMillis")).check(engine);
        forbidden("time comes from the runtime seam's EngineClock", call(System.class, "nanoTime")).check(engine);
    }

    @Test
    void noSleepingOrThreadsOutsideTheRuntime() {
        forbidden("waiting goes through the runtime seam's timers", call(Thread.class, "sleep")).check(engine);
        forbidden("concurrency goes through the runtime seam", call(Thread.class, "<init>")).check(engine);
        forbidden("concurrency goes through the runtime seam", call(Thread.class, "ofVirtual")).check(engine);
        forbidden("concurrency goes through the runtime seam", call(Thread.class, "ofPlatform")).check(engine);
        forbidden("concurrency goes through the runtime seam", call(Thread.class, "startVirtualThread")).check(engine);
        forbidden("executors come from the runtime seam", DescribedPredicate.describe("any Executors factory",
                access -> access.getTargetOwner().isEquivalentTo(Executors.class))).check(engine);
    }

    @Test
    void noRandomnessOutsideTheRuntime() {
        forbidden("operation ids come from the runtime seam", call(UUID.class, "randomUUID")).check(engine);
        forbidden("randomness comes from the runtime seam", call(Math.class, "random")).check(engine);
        forbidden("randomness comes from the runtime seam", call(Random.class, "<init>")).check(engine);
    }

    @Test
    void theRuleCatchesAViolation() {
        // A negative control: the same rule over the production runtime itself must fail.
        JavaClasses runtimeOnly = new ClassFileImporter().importClasses(dev.vigil.engine.runtime.ProductionRuntime.class);
        EvaluationResult result = noClasses().should().accessTargetWhere(call(System.class, "nanoTime")).evaluate(runtimeOnly);
        assertThat(result.hasViolation()).isTrue();
    }
}
