package dev.podbgp.daemon.control;

/** A reload was refused; the message says why (for a bad file: every error, one per line). */
public final class ReloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReloadException(String message) {
        super(message);
    }

    public ReloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
