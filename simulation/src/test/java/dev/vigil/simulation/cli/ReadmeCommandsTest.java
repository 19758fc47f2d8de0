package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** README.md tells the truth: its test command is what .ci/run runs, and every vigil command and flag it names exists. */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher command = Pattern.compile("(?m)^(\\./mvnw [^#\\n]*?)\\s+# the tests").matcher(readme);
        assertThat(command.find()).as("README names its test command").isTrue();
        List<String> ciLines = Files.readAllLines(ROOT.resolve(".ci/run"));
        assertThat(ciLines).contains(command.group(1).strip());
    }

    @Test
    void everyVigilFlagTheReadmesNameExists() throws IOException {
        for (Path readme : List.of(ROOT.resolve("README.md"), ROOT.resolve("simulation/README.md"))) {
            Matcher usage = Pattern.compile("\\./vigil (run|replay|shrink|verify|nodes)((?: --?[a-z-]+)*)").matcher(Files.readString(readme));
            while (usage.find()) {
                for (String flag : usage.group(2).strip().split(" ")) {
                    if (flag.isBlank()) {
                        continue;
                    }
                    String help = new CommandLine(new VigilCommand()).getSubcommands().get(usage.group(1)).getUsageMessage();
                    assertThat(help).as("%s: ./vigil %s %s", readme.getFileName(), usage.group(1), flag).contains(flag);
                }
            }
        }
    }
}
