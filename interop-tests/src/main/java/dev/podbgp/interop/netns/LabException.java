package dev.podbgp.interop.netns;

/** A lab operation (namespace, link, process, command) failed; the message names what and why. */
public class LabException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
