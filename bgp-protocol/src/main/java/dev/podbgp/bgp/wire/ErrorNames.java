package dev.podbgp.bgp.wire;

/** Human names for NOTIFICATION codes and subcodes, for logs and the CLI. */
final class ErrorNames {
    private ErrorNames() {
    }

    static String describe(int code, int subcode) {
        return switch (code) {
            case 1 -> "Message Header Error" + sub(subcode,
                    "Connection Not Synchronized", "Bad Message Length", "Bad Message Type");
            case 2 -> "OPEN Message Error" + sub(subcode, "Unsupported Version Number", "Bad Peer AS",
                    "Bad BGP Identifier", "Unsupported Optional Parameter", "Authentication Failure (deprecated)",
                    "Unacceptable Hold Time", "Unsupported Capability", "Deprecated", "Deprecated",
                    "Deprecated", "Role Mismatch");
            case 3 -> "UPDATE Message Error" + sub(subcode, "Malformed Attribute List",
                    "Unrecognized Well-known Attribute", "Missing Well-known Attribute", "Attribute Flags Error",
                    "Attribute Length Error", "Invalid ORIGIN Attribute", "AS Routing Loop (deprecated)",
                    "Invalid NEXT_HOP Attribute", "Optional Attribute Error", "Invalid Network Field",
                    "Malformed AS_PATH");
            case 4 -> "Hold Timer Expired" + sub(subcode);
            case 5 -> "Finite State Machine Error" + sub(subcode,
                    "Unexpected Message in OpenSent", "Unexpected Message in OpenConfirm",
                    "Unexpected Message in Established");
            case 6 -> "Cease" + sub(subcode, "Maximum Number of Prefixes Reached", "Administrative Shutdown",
                    "Peer De-configured", "Administrative Reset", "Connection Rejected",
                    "Other Configuration Change", "Connection Collision Resolution", "Out of Resources",
                    "Hard Reset", "BFD Down");
            case 7 -> "ROUTE-REFRESH Message Error" + sub(subcode, "Invalid Message Length");
            case 8 -> "Send Hold Timer Expired" + sub(subcode);
            default -> "Unknown error code " + code + sub(subcode);
        };
    }

    private static String sub(int subcode, String... names) {
        if (subcode == 0) {
            return "";
        }
        if (subcode <= names.length) {
            return " / " + names[subcode - 1];
        }
        return " / subcode " + subcode;
    }
}
