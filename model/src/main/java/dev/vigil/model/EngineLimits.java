package dev.vigil.model;

import io.vavr.control.Option;

/**
 * The engine's own configuration that decides which settings a command accepts: the lowest
 * interval ({@code VigilEngine.Builder#intervalMsMin}) and whether a timeout may exceed the
 * interval ({@code #timeoutOverIntervalAllowed}). The model refuses what the engine so
 * configured refuses (R1, R9), after the bounds every engine has ({@link ModelSettings#validationError()}).
 *
 * @param intervalMsMin              the lowest interval accepted, {@value ModelSettings#INTERVAL_MS_MIN} … {@value ModelSettings#INTERVAL_MS_MAX}
 * @param timeoutOverIntervalAllowed whether a {@code timeoutMs} longer than {@code intervalMs} is accepted
 */
public record EngineLimits(long intervalMsMin, boolean timeoutOverIntervalAllowed) {

    /** What the simulation configured before engine limits were a dimension: the floor, and long timeouts allowed. */
    public static final EngineLimits SIMULATION = new EngineLimits(ModelSettings.INTERVAL_MS_MIN, true);

    public EngineLimits {
        if (intervalMsMin < ModelSettings.INTERVAL_MS_MIN || intervalMsMin > ModelSettings.INTERVAL_MS_MAX) {
            throw new IllegalArgumentException("intervalMsMin = " + intervalMsMin + " must be within " + ModelSettings.INTERVAL_MS_MIN
                    + " … " + ModelSettings.INTERVAL_MS_MAX);
        }
    }

    /** @return why an engine with these limits refuses {@code settings} (valid by themselves), empty if it accepts them */
    public Option<String> refusal(ModelSettings settings) {
        if (settings.intervalMs() < intervalMsMin) {
            return Option.some("intervalMs " + settings.intervalMs() + " is below this engine's intervalMsMin " + intervalMsMin);
        }
        if (!timeoutOverIntervalAllowed && settings.timeoutMs() > settings.intervalMs()) {
            return Option.some("timeoutMs " + settings.timeoutMs() + " exceeds intervalMs " + settings.intervalMs()
                    + " and this engine does not allow it");
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return "intervalMsMin " + intervalMsMin + " ms, timeout over interval " + (timeoutOverIntervalAllowed ? "allowed" : "refused");
    }
}
