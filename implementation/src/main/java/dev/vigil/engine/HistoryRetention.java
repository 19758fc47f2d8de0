package dev.vigil.engine;

/**
 * What {@link VigilEngine#pruneHistory} keeps of each monitor's history: records not older than
 * {@code ageMsMax}, and at most the newest {@code recordsMaxPerMonitor}; 0 turns a measure off,
 * and at least one must be on. Pruning only ever removes the oldest part of a history (in
 * commit order), so what stays has no holes.
 *
 * @param ageMsMax             records older than this many ms (by their {@code atMs} against
 *                             the engine's wall clock) go; 0 for no age limit, otherwise
 *                             {@value #AGE_MS_MIN} or more
 * @param recordsMaxPerMonitor the most records kept per monitor; 0 for no count limit
 */
public record HistoryRetention(long ageMsMax, int recordsMaxPerMonitor) {
    /** The shortest age limit: one minute, so that a unit mistake (seconds for ms) cannot wipe history. */
    public static final long AGE_MS_MIN = 60_000;

    /**
     * Validates the limits.
     *
     * @throws InvalidSettingsException if a limit is negative, the age is on but under {@value
     *                                  #AGE_MS_MIN}, or both are off
     */
    public HistoryRetention {
        if (ageMsMax != 0 && ageMsMax < AGE_MS_MIN) {
            throw new InvalidSettingsException("ageMsMax", ageMsMax, "allowed 0 (off) or " + AGE_MS_MIN + " … " + Long.MAX_VALUE);
        }
        if (recordsMaxPerMonitor < 0) {
            throw new InvalidSettingsException("recordsMaxPerMonitor", recordsMaxPerMonitor,
                    "allowed 0 (off) or 1 … " + Integer.MAX_VALUE);
        }
        if (ageMsMax == 0 && recordsMaxPerMonitor == 0) {
            throw new InvalidSettingsException("retention", "no limit", "set ageMsMax, recordsMaxPerMonitor or both");
        }
    }

    /**
     * Keeps records not older than {@code ageMsMax}.
     *
     * @param ageMsMax the age limit in ms, {@value #AGE_MS_MIN} or more
     * @return the retention
     */
    public static HistoryRetention byAge(long ageMsMax) {
        return new HistoryRetention(ageMsMax, 0);
    }

    /**
     * Keeps the newest {@code recordsMax} records of each monitor.
     *
     * @param recordsMax the count limit, 1 or more
     * @return the retention
     */
    public static HistoryRetention byCount(int recordsMax) {
        if (recordsMax < 1) {
            throw new InvalidSettingsException("recordsMaxPerMonitor", recordsMax, "allowed 1 … " + Integer.MAX_VALUE);
        }
        return new HistoryRetention(0, recordsMax);
    }
}
