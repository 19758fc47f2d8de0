package dev.vigil.engine;

/**
 * An HTTP(S) monitor's options, validated when constructed: a value of this type is always
 * within the documented ranges. Change one with the {@code with…} methods, which validate again;
 * {@link #DEFAULTS} is what {@link MonitorSettings#http(String)} starts from.
 *
 * @param expectedStatusMin lowest status counted as up, 100 … 599
 * @param expectedStatusMax highest status counted as up, expectedStatusMin … 599
 * @param keyword           text the first {@value #BODY_BYTES_SEARCHED} bytes of the body must
 *                          contain to count as up, case-sensitive; empty for none
 * @param redirectsMax      redirects followed, 0 … {@value #REDIRECTS_MAX}; one more is DOWN
 */
public record HttpOptions(int expectedStatusMin, int expectedStatusMax, String keyword, int redirectsMax) implements ProbeOptions {
    public static final int REDIRECTS_MAX = 10;
    public static final int REDIRECTS_MAX_DEFAULT = 5;
    public static final int KEYWORD_LENGTH_MAX = 1_000;
    /** How much of a body is searched for the keyword. */
    public static final int BODY_BYTES_SEARCHED = 1 << 20;
    public static final HttpOptions DEFAULTS = new HttpOptions(200, 299, "", REDIRECTS_MAX_DEFAULT);

    public HttpOptions {
        Validation.requireRange("expectedStatusMin", expectedStatusMin, 100, 599);
        Validation.requireRange("expectedStatusMax", expectedStatusMax, expectedStatusMin, 599);
        keyword = keyword == null ? "" : keyword;
        Validation.requireRange("keyword length", keyword.length(), 0, KEYWORD_LENGTH_MAX);
        Validation.requireRange("redirectsMax", redirectsMax, 0, REDIRECTS_MAX);
    }

    @Override
    public MonitorType type() {
        return MonitorType.HTTP;
    }

    public HttpOptions withExpectedStatus(int min, int max) {
        return new HttpOptions(min, max, keyword, redirectsMax);
    }

    public HttpOptions withKeyword(String value) {
        return new HttpOptions(expectedStatusMin, expectedStatusMax, value, redirectsMax);
    }

    public HttpOptions withRedirectsMax(int value) {
        return new HttpOptions(expectedStatusMin, expectedStatusMax, keyword, value);
    }
}
