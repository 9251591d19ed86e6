package dev.podbgp.bgp.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's TCP MD5 drop counters (TcpExt TCPMD5NotFound, TCPMD5Unexpected,
 * TCPMD5Failure) of the calling thread's network namespace. A password
 * mismatch is silent on the wire (the kernel drops the segments), so these
 * are how a log can say why a session with MD5 does not come up.
 */
record Md5Counters(long notFound, long unexpected, long failure) {
    private static final Path NETSTAT = Path.of("/proc/thread-self/net/netstat");

    /** The current counters, or null when the kernel does not expose them. */
    static Md5Counters read() {
        try {
            List<String> lines = Files.readAllLines(NETSTAT);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    long nf = 0;
                    long un = 0;
                    long fa = 0;
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        switch (names[k]) {
                            case "TCPMD5NotFound" -> nf = Long.parseLong(values[k]);
                            case "TCPMD5Unexpected" -> un = Long.parseLong(values[k]);
                            case "TCPMD5Failure" -> fa = Long.parseLong(values[k]);
                            default -> { }
                        }
                    }
                    return new Md5Counters(nf, un, fa);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** What rose since {@code before}, in words, or null when nothing did. */
    String since(Md5Counters before) {
        if (before == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (failure > before.failure) {
            b.append(failure - before.failure).append(" segment(s) with a wrong MD5 signature (TCPMD5Failure)");
        }
        if (notFound > before.notFound) {
            b.append(b.length() > 0 ? ", " : "").append(notFound - before.notFound)
                    .append(" segment(s) without the MD5 signature we require (TCPMD5NotFound)");
        }
        if (unexpected > before.unexpected) {
            b.append(b.length() > 0 ? ", " : "").append(unexpected - before.unexpected)
                    .append(" segment(s) signed although we have no key (TCPMD5Unexpected)");
        }
        return b.length() == 0 ? null : b.toString();
    }
}
