package dev.vigil.engine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.VigilEngine;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's module lets an application reach the API, the events, the probe plug-in and the
 * spi, and nothing else: a tiny application module is compiled on the module path against the
 * engine's classes (as an application's build would against its jar), once using only exported
 * types, which must compile, and once importing an internal class, which must fail because the
 * engine does not export its package. The first case is the control: the second fails for that
 * reason only, not because the compilation was broken anyway.
 */
class ModuleBoundaryTest {
    private static final String MODULE = "dev.vigil.engine";

    @TempDir
    Path work;

    @Test
    void theEngineModuleExportsOnlyTheApiTheEventsTheProbesAndTheSpi() {
        ModuleDescriptor descriptor = ModuleFinder.of(engineClasses()).find(MODULE).orElseThrow().descriptor();
        Set<String> exported = descriptor.exports().stream()
                .peek(export -> assertThat(export.isQualified()).as("exports " + export.source() + " to everyone").isFalse())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).containsExactlyInAnyOrder("dev.vigil.engine", "dev.vigil.engine.event", "dev.vigil.engine.probe",
                "dev.vigil.engine.spi");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.packages()).contains("dev.vigil.engine.monitor", "dev.vigil.engine.assembly", "dev.vigil.engine.outbox");
    }

    @Test
    void anApplicationUsingTheExportedPackagesCompiles() throws IOException {
        List<String> errors = compileApplication("""
                package app;

                import dev.vigil.engine.MonitorSettings;
                import dev.vigil.engine.VigilEngine;
                import dev.vigil.engine.event.EngineEvent;
                import dev.vigil.engine.probe.ProbeResult;
                import dev.vigil.engine.spi.EngineRuntime;
                import java.nio.file.Path;

                public final class Main {
                    public static void main(String[] args) {
                        VigilEngine.Builder builder = VigilEngine.builder().storeFile(Path.of(args[0]))
                                .probe(settings -> ProbeResult.up(1, "ok"))
                                .listener((EngineEvent event) -> System.out.println(event));
                        EngineRuntime seam = null;
                        try (VigilEngine engine = builder.build()) {
                            engine.add("site", MonitorSettings.http("https://example.com/"));
                            System.out.println(engine.diagnostics().liveOperations() + " " + seam);
                        }
                    }
                }
                """);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dev.vigil.engine.monitor.MonitorManager",
        "dev.vigil.engine.status.MonitorTable",
        "dev.vigil.engine.lane.MonitorLanes",
        "dev.vigil.engine.outbox.EventPublisher",
        "dev.vigil.engine.operation.OperationDeadlines",
        "dev.vigil.engine.store.MonitorRepository",
        "dev.vigil.engine.check.EnhancedMonitorChecker",
        "dev.vigil.engine.check.CheckerFactory",
        "dev.vigil.engine.runtime.ProductionRuntime",
        "dev.vigil.engine.assembly.EngineAssembly",
        "dev.vigil.engine.lease.LeaseKeeper",
    })
    void anApplicationCannotReachAnInternalClass(String internal) throws IOException {
        String simpleName = internal.substring(internal.lastIndexOf('.') + 1);
        List<String> errors = compileApplication("""
                package app;

                import %s;

                public final class Main {
                    public static void main(String[] args) {
                        System.out.println(%s.class);
                    }
                }
                """.formatted(internal, simpleName));
        String packageName = internal.substring(0, internal.lastIndexOf('.'));
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error)
                .contains("package " + packageName + " is not visible")
                .contains("declared in module " + MODULE + ", which does not export it"));
    }

    /** Compiles module {@code app} (requiring the engine) with {@code main} as its app.Main; returns the error messages. */
    private List<String> compileApplication(String main) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/app"));
        Path moduleInfo = Files.writeString(work.resolve("src/module-info.java"), "module app { requires " + MODULE + "; }\n");
        Path mainFile = Files.writeString(sources.resolve("Main.java"), main);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            // Nothing on the class path: by default it would be this test's, which holds the engine
            // as an unnamed module, where nothing is hidden.
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            String modulePath = engineClasses() + java.io.File.pathSeparator + jarOf(org.sqlite.JDBC.class);
            List<String> options = List.of("--module-path", modulePath, "-d", classes.toString(), "-proc:none");
            Boolean compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(moduleInfo, mainFile)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> diagnostic.getMessage(null))
                    .toList();
            assertThat(compiled).as("compiled, errors: %s", errors).isEqualTo(errors.isEmpty());
            return errors;
        }
    }

    /** The engine's compiled classes, with their module-info: what the engine's jar holds. */
    private static Path engineClasses() {
        Path classes = jarOf(VigilEngine.class);
        assertThat(classes.resolve("module-info.class")).as("the engine's module descriptor").exists();
        return classes;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
