package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's embedding example is WatchUrl.java, character for character: the program that
 * {@link WatchUrlTest} runs is the one the README shows.
 */
class ReadmeExampleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeShowsWatchUrlAsItIs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("(?s)## Embedding the engine.*?```java\\n(.*?)```").matcher(readme);
        assertThat(block.find()).as("README.md has a java block under \"Embedding the engine\"").isTrue();
        String source = Files.readString(ROOT.resolve("examples/src/main/java/dev/vigil/examples/WatchUrl.java"));
        assertThat(block.group(1)).as("README.md's example; copy examples/…/WatchUrl.java into it").isEqualTo(source);
    }
}
