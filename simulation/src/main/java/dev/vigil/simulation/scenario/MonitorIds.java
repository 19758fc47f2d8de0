package dev.vigil.simulation.scenario;

import dev.vigil.simulation.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Monitor ids as users write them: short names, names with dots, dashes and underscores, mixed
 * case, numbered ids, UUIDs. Their hash order differs from their sorted order, so a rule about
 * order (startAll, stopAll and recovery go in ascending id order) holds only if the engine sorts:
 * with {@code m1 … m5}, whose hash order is their sorted order, it would hold by accident.
 */
public final class MonitorIds {
    /** The simplest id of the {@code index}-th monitor (1-based): the first shape, {@code m1 … mN}. */
    public static String numbered(int index) {
        return "m" + index;
    }

    private static final List<String> NAMES = List.of("api", "web", "db.primary", "Checkout-EU", "auth_v2", "queue", "cdn.edge-1",
            "Billing", "search", "ZETA", "a", "status-page", "payments.internal", "x_legacy", "Mail");

    private MonitorIds() {
    }

    /** {@code count} distinct ids, each of a drawn shape; the simplest choices give {@code m1 … mN}. */
    public static List<String> draw(ChoiceSource choices, int count) {
        Set<String> ids = new LinkedHashSet<>();
        for (int index = 1; ids.size() < count; index++) {
            String id = switch (choices.draw(4)) {
                case 0 -> numbered(index);
                case 1 -> NAMES.get(choices.draw(NAMES.size()));
                case 2 -> uuid(choices);
                default -> NAMES.get(choices.draw(NAMES.size())) + "-" + choices.between(1, 99);
            };
            if (!ids.add(id)) {
                ids.add(numbered(index)); // a repeated name: fall back to the simplest shape
            }
        }
        return new ArrayList<>(ids);
    }

    /** An id that none of the scenario's monitors has: commands on it must fail as unknown. */
    public static String unknown() {
        return "never-added";
    }

    private static String uuid(ChoiceSource choices) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i += 2) {
            int value = choices.draw(1 << 16);
            bytes[i] = (byte) (value >>> 8);
            bytes[i + 1] = (byte) value;
        }
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                + hex.substring(20);
    }
}
