package dev.podbgp.interop.peer;

/** RFC 4271 session states as the speakers report them. */
public enum SessionState {
  IDLE,
  CONNECT,
  ACTIVE,
  OPEN_SENT,
  OPEN_CONFIRM,
  ESTABLISHED;

  /** From the names FRR and BIRD print ("Established", "OpenSent", "Idle (Admin)", "Down"). */
  public static SessionState parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[ _(].*$", "");
    return switch (t) {
      case "idle", "down", "clearing", "deleted", "" -> IDLE;
      case "connect" -> CONNECT;
      case "active" -> ACTIVE;
      case "opensent" -> OPEN_SENT;
      case "openconfirm" -> OPEN_CONFIRM;
      case "established" -> ESTABLISHED;
      default -> throw new IllegalArgumentException("unknown BGP session state '" + text + "'");
    };
  }
}
