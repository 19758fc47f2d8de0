package dev.vigil.engine;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before the engine stores or logs it: in every URL the text contains,
 * the user info and the value of every query and fragment parameter become {@value #MASK}
 * ({@code https://***@host/path?token=***}). Parameter names and everything else stay, so a
 * person can still tell which URL and which parameter was meant.
 *
 * <p>The engine runs every history detail through {@link #redact} ({@link CheckRecord} does it
 * on construction), so neither a probe's message nor an exception that quotes a URL can put a
 * token into the store or an event. Idempotent: redacting twice changes nothing more.
 */
public final class Redaction {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    // scheme://[userinfo@]rest[?query][#fragment]; stops at whitespace and quotes, which end a
    // URL quoted in a message.
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/?#@'\"<>]*@)?([^\\s?#'\"<>]*)(\\?[^\\s#'\"<>]*)?(#[^\\s'\"<>]*)?");

    private Redaction() {
    }

    /**
     * {@code text} with the user info and parameter values of every URL in it masked.
     *
     * @param text any text, not {@code null}; a URL in it ends at white space or a quote
     * @return the text with those parts replaced by {@value #MASK}; {@code text} itself if it
     *         contains no {@code ://}
     */
    public static String redact(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf("://") < 0) {
            return text;
        }
        Matcher url = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (url.find()) {
            StringBuilder replacement = new StringBuilder(url.group().length());
            replacement.append(url.group(1));
            if (url.group(2) != null) {
                replacement.append(MASK).append('@');
            }
            replacement.append(url.group(3));
            if (url.group(4) != null) {
                replacement.append('?').append(maskParameters(url.group(4).substring(1)));
            }
            if (url.group(5) != null) {
                replacement.append('#').append(maskParameters(url.group(5).substring(1)));
            }
            url.appendReplacement(out, Matcher.quoteReplacement(replacement.toString()));
        }
        url.appendTail(out);
        return out.toString();
    }

    /** {@code a=1&b=2&flag} → {@code a=***&b=***&***}: a bare parameter may itself be a token. */
    private static String maskParameters(String parameters) {
        if (parameters.isEmpty()) {
            return parameters;
        }
        StringBuilder out = new StringBuilder(parameters.length());
        String[] pairs = parameters.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int equals = pair.indexOf('=');
            if (pair.isEmpty()) {
                continue;
            }
            out.append(equals < 0 ? MASK : pair.substring(0, equals + 1) + MASK);
        }
        return out.toString();
    }
}
