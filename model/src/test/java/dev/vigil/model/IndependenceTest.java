package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model is derived from SPEC.md alone: no dependency on the engine, nothing beyond vavr. */
class IndependenceTest {

    @Test
    void noSourceMentionsTheEngine() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).filter(IndependenceTest::mentionsEngine))
                    .as("model sources importing dev.vigil.engine").isEmpty();
        }
    }

    @Test
    void thePomDependsOnVavrAndTestLibrariesOnly() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).doesNotContain("vigil-engine").doesNotContain("jqwik");
        assertThat(pom.split("<dependency>")).as("vavr, junit-jupiter, assertj-core").hasSize(1 + 3);
        assertThat(pom).contains("<artifactId>vavr</artifactId>", "<artifactId>junit-jupiter</artifactId>",
                "<artifactId>assertj-core</artifactId>");
    }

    private static boolean mentionsEngine(Path file) {
        try {
            return Files.readString(file).contains("import dev.vigil." + "engine");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
