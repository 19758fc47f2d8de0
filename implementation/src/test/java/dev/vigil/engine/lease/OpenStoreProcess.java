package dev.vigil.engine.lease;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import java.nio.file.Path;

/**
 * A second process for {@link TwoProcessGuardTest}: opens an engine on the SQLite file it is
 * given, prints {@code OPENED} and closes it (exit 0), or prints {@code REFUSED: message} (exit 3).
 */
public final class OpenStoreProcess {
    private OpenStoreProcess() {
    }

    public static void main(String[] args) {
        try (VigilEngine engine = VigilEngine.builder().storeFile(Path.of(args[0])).build()) {
            System.out.println("OPENED " + engine.nodeId().orElseThrow());
        } catch (StoreException refused) {
            System.out.println("REFUSED: " + refused.getMessage());
            System.exit(3);
        }
    }
}
