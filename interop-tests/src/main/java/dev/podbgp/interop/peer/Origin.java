package dev.podbgp.interop.peer;

/** The ORIGIN attribute. */
public enum Origin {
  IGP,
  EGP,
  INCOMPLETE;

  public static Origin ofCode(int code) {
    return switch (code) {
      case 0 -> IGP;
      case 1 -> EGP;
      case 2 -> INCOMPLETE;
      default -> throw new IllegalArgumentException("ORIGIN code " + code + " is not 0, 1 or 2");
    };
  }

  /** From the names the speakers print: "IGP", "i", "incomplete", "?", "EGP", "e". */
  public static Origin parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "igp", "i" -> IGP;
      case "egp", "e" -> EGP;
      case "incomplete", "?" -> INCOMPLETE;
      default -> throw new IllegalArgumentException("unknown ORIGIN '" + text + "'");
    };
  }
}
