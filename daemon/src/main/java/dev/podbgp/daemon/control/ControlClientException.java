package dev.podbgp.daemon.control;

/** The client could not get an answer from podbgpd; the message says what to check. */
public final class ControlClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlClientException(String message) {
        super(message);
    }
}
