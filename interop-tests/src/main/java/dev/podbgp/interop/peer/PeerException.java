package dev.podbgp.interop.peer;

/** A speaker could not be started, configured or queried; the message names which and why. */
public class PeerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PeerException(String message) {
    super(message);
  }

  public PeerException(String message, Throwable cause) {
    super(message, cause);
  }
}
