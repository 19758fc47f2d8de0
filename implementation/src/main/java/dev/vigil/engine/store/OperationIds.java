package dev.vigil.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of a monitor's {@code active_operations}: a JSON array of strings, e.g.
 * {@code ["3f2b…"]}, and {@code []} when empty. JSON rather than a comma-separated list because
 * it is self-describing (a corrupted value is recognisably not an array) and any id survives
 * the round trip. Pure functions, no JSON library: the store has one runtime dependency.
 */
final class OperationIds {
    /** The stored form of an empty list; {@code clearAllActiveOperations} compares against it. */
    static final String EMPTY = "[]";

    private OperationIds() {
    }

    /** The stored form of {@code ids}; {@link #decode} gives the same list back. */
    static String encode(List<String> ids) {
        if (ids.isEmpty()) {
            return EMPTY;
        }
        StringBuilder out = new StringBuilder(ids.size() * 40);
        out.append('[');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, ids.get(i));
        }
        return out.append(']').toString();
    }

    /** The list stored as {@code text}, or empty when {@code text} is not an array of strings. */
    static Optional<List<String>> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return new Parser(text).array();
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A strict parser for exactly the shape {@link #encode} writes (whitespace tolerated). */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Optional<List<String>> array() {
            List<String> ids = new ArrayList<>();
            skipWhitespace();
            if (!consume('[')) {
                return Optional.empty();
            }
            skipWhitespace();
            if (!consume(']')) {
                do {
                    skipWhitespace();
                    String id = string();
                    if (id == null) {
                        return Optional.empty();
                    }
                    ids.add(id);
                    skipWhitespace();
                } while (consume(','));
                if (!consume(']')) {
                    return Optional.empty();
                }
            }
            skipWhitespace();
            return position == text.length() ? Optional.of(List.copyOf(ids)) : Optional.empty();
        }

        /** A JSON string at the current position, or null if there is none. */
        private String string() {
            if (!consume('"')) {
                return null;
            }
            StringBuilder value = new StringBuilder(40);
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    return null;
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    return null;
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (position + 4 > text.length()) {
                            return null;
                        }
                        int code = 0;
                        for (int end = position + 4; position < end; position++) {
                            int digit = Character.digit(text.charAt(position), 16);
                            if (digit < 0) {
                                return null;
                            }
                            code = code * 16 + digit;
                        }
                        value.append((char) code);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return null; // unterminated
        }

        private boolean consume(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void skipWhitespace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }
}
