package dev.podbgp.daemon;

/** podbgpd cannot run; the message says what failed and why. */
public final class DaemonException extends Exception {
    private static final long serialVersionUID = 1L;

    public DaemonException(String message) {
        super(message);
    }

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
