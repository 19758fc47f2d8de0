package dev.vigil.simulation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The commit the harness runs from, read from {@code .git} (or {@code VIGIL_COMMIT}) without starting a process. */
final class CommitId {
    private CommitId() {
    }

    static String detect() {
        String fromEnvironment = System.getenv("VIGIL_COMMIT");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path git = directory.resolve(".git");
            if (Files.isDirectory(git)) {
                return read(git).orElse("unknown");
            }
            directory = directory.getParent();
        }
        return "unknown";
    }

    private static Optional<String> read(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.exists(loose)) {
                return Optional.of(Files.readString(loose).strip());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.exists(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref)) {
                        return Optional.of(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
