package dev.podbgp.bgp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** NOTIFICATION (RFC 4271 §4.5): error code, subcode and data. */
public final class NotificationMessage implements BgpMessage {
    // Error codes (RFC 4271 §4.5, RFC 7313, RFC 9687).
    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;
    public static final int SEND_HOLD_TIMER_EXPIRED = 8;

    // Message Header Error subcodes.
    public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
    public static final int BAD_MESSAGE_LENGTH = 2;
    public static final int BAD_MESSAGE_TYPE = 3;

    // OPEN Message Error subcodes (RFC 4271, RFC 5492).
    public static final int UNSUPPORTED_VERSION_NUMBER = 1;
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    public static final int UNSUPPORTED_CAPABILITY = 7;

    // UPDATE Message Error subcodes.
    public static final int MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
    public static final int ATTRIBUTE_FLAGS_ERROR = 4;
    public static final int ATTRIBUTE_LENGTH_ERROR = 5;
    public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
    public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
    public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    public static final int INVALID_NETWORK_FIELD = 10;
    public static final int MALFORMED_AS_PATH = 11;

    // Cease subcodes (RFC 4486, RFC 9003).
    public static final int MAXIMUM_PREFIXES_REACHED = 1;
    public static final int ADMINISTRATIVE_SHUTDOWN = 2;
    public static final int PEER_DECONFIGURED = 3;
    public static final int ADMINISTRATIVE_RESET = 4;
    public static final int CONNECTION_REJECTED = 5;
    public static final int OTHER_CONFIGURATION_CHANGE = 6;
    public static final int CONNECTION_COLLISION_RESOLUTION = 7;
    public static final int OUT_OF_RESOURCES = 8;
    public static final int HARD_RESET = 9;

    // ROUTE-REFRESH Message Error subcode (RFC 7313).
    public static final int INVALID_MESSAGE_LENGTH = 1;

    private final int code;
    private final int subcode;
    private final byte[] data;

    public NotificationMessage(int code, int subcode, byte[] data) {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("NOTIFICATION code " + code + "/" + subcode + " is outside 0..255");
        }
        this.code = code;
        this.subcode = subcode;
        this.data = data == null ? new byte[0] : data.clone();
    }

    public NotificationMessage(int code, int subcode) {
        this(code, subcode, null);
    }

    /**
     * A Cease with a shutdown communication (RFC 9003): one length octet then
     * UTF-8 text of at most 255 octets (cut at a character boundary).
     */
    public static NotificationMessage shutdown(int ceaseSubcode, String message) {
        byte[] text = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, 255);
        while (len > 0 && len < text.length && (text[len] & 0xC0) == 0x80) {
            len--;
        }
        byte[] data = new byte[1 + len];
        data[0] = (byte) len;
        System.arraycopy(text, 0, data, 1, len);
        return new NotificationMessage(CEASE, ceaseSubcode, data);
    }

    /**
     * OPEN Message Error / Unsupported Capability (RFC 5492 §3): the data lists
     * the capabilities the peer lacks, each encoded as in an OPEN.
     */
    public static NotificationMessage unsupportedCapability(java.util.List<Capability> capabilities) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (Capability c : capabilities) {
            byte[] value = BgpEncoder.capabilityValue(c);
            if (value.length > 255) {
                throw new IllegalArgumentException("capability " + c.code() + " value is " + value.length
                        + " bytes, over 255");
            }
            data.write(c.code());
            data.write(value.length);
            data.writeBytes(value);
        }
        return new NotificationMessage(OPEN_MESSAGE_ERROR, UNSUPPORTED_CAPABILITY, data.toByteArray());
    }

    public int code() {
        return code;
    }

    public int subcode() {
        return subcode;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The RFC 9003 shutdown communication of a Cease/2 or Cease/4, or null when there is none or it is malformed. */
    public String shutdownCommunication() {
        if (code != CEASE || (subcode != ADMINISTRATIVE_SHUTDOWN && subcode != ADMINISTRATIVE_RESET) || data.length == 0) {
            return null;
        }
        int len = data[0] & 0xFF;
        if (len + 1 > data.length) {
            return null;
        }
        return new String(data, 1, len, StandardCharsets.UTF_8);
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    /** A name for the code and subcode, e.g. "Cease / Administrative Shutdown". */
    public String describe() {
        return ErrorNames.describe(code, subcode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationMessage n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String s = "NOTIFICATION " + code + "/" + subcode + " (" + describe() + ")";
        String comm = shutdownCommunication();
        if (comm != null) {
            return s + " \"" + comm + "\"";
        }
        return data.length == 0 ? s : s + " data " + HexFormat.of().formatHex(data);
    }
}
