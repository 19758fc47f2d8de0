package dev.vigil.reports;

/** A report or trace file that cannot be read; the message names the file and what is wrong with it. */
public final class ReportFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
