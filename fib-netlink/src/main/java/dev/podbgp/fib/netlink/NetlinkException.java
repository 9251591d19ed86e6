package dev.podbgp.fib.netlink;

import java.io.IOException;
import java.util.Optional;

/**
 * A netlink failure: either a syscall on the socket failed, or the kernel answered a request
 * with an error. Carries the errno and, when the kernel sent one, the extended-ACK text
 * (NLMSGERR_ATTR_MSG), which usually says exactly what it disliked.
 */
public final class NetlinkException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String extAck;

    public NetlinkException(String what, int code, String extAck) {
        super(format(what, code, extAck));
        this.code = code;
        this.extAck = extAck;
    }

    public int code() {
        return code;
    }

    public Errno errno() {
        return Errno.valueOf(code);
    }

    /** The kernel's extended-ACK message, if it sent one. */
    public Optional<String> extAck() {
        return Optional.ofNullable(extAck);
    }

    private static String format(String what, int code, String extAck) {
        StringBuilder sb = new StringBuilder(what).append(": ");
        Errno e = Errno.valueOf(code);
        sb.append(e == Errno.UNKNOWN ? "errno " + code : e.name() + " (" + code + ")");
        String text = strerror(code);
        if (text != null) {
            sb.append(' ').append(text);
        }
        if (extAck != null && !extAck.isEmpty()) {
            sb.append("; kernel says: ").append(extAck);
        }
        return sb.toString();
    }

    private static String strerror(int code) {
        try {
            return LibC.Holder.LIBC.strerror(code);
        } catch (LinkageError | RuntimeException e) {
            return null; // message formatting must never fail because libc could not load
        }
    }
}
