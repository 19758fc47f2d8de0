package dev.vigil.simulation.choice;

/**
 * Where every decision of a run comes from. A run is a pure function of the sequence of values
 * drawn here: recorded from a seed, it replays exactly; edited (values deleted, made smaller) it
 * is a smaller run, which is how shrinking works. 0 is always the simplest choice.
 */
public interface ChoiceSource {
    /** A value in {@code [0, bound)}; {@code bound >= 1}. */
    int draw(int bound);

    /** A value in {@code [min, max]}, simplest at {@code min}. */
    default int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("between(" + min + ", " + max + "): max is below min");
        }
        return min + draw(max - min + 1);
    }

    /** {@code true} with probability about {@code percent}/100; {@code false} is the simpler answer. */
    default boolean chance(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent = " + percent + " must be within 0 … 100");
        }
        return draw(100) >= 100 - percent;
    }

    /** How many values have been drawn so far. */
    int drawn();
}
