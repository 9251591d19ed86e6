package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests and replies over one netlink socket: dumps (multi-part, restarted when the kernel
 * flags them inconsistent) and batches of changes, each with NLM_F_ACK, many per datagram,
 * every reply matched to its request by sequence number. Not thread-safe; one owner thread.
 */
public final class RtnlConnection implements RtnlTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtnlConnection.class);
    private static final int DUMP_ATTEMPTS = 5;

    /** Writes a request's payload (fixed header and attributes) after the netlink header. */
    @FunctionalInterface
    public interface MessageBody {
        void write(MessageWriter w);
    }

    /** Decodes one dump reply; returns null to skip it. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(NlMessage m) throws NetlinkException;
    }

    /**
     * A change request; NLM_F_REQUEST and NLM_F_ACK are added when sent. {@code what} and
     * {@code subject} describe it for errors; the text is built only when needed, since a
     * batch can hold 100,000 requests.
     */
    public record Request(int type, int flags, MessageBody body, String what, Object subject) {

        public String description() {
            return what + " " + subject;
        }

        /** The message exactly as {@link #execute} sends it, for logs and test vectors. */
        public byte[] encode(int seq) {
            MessageWriter w = new MessageWriter(256);
            writeTo(w, seq);
            return w.toByteArray();
        }

        /** Appends the message, as {@link #execute} sends it, to {@code w}. */
        public void writeTo(MessageWriter w, int seq) {
            int start = w.begin(type, flags | Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
            body.write(w);
            w.end(start);
        }
    }

    /** A dump request exactly as {@link #dump} sends it, for test vectors. */
    public static byte[] encodeDump(int type, MessageBody body, int seq) {
        MessageWriter w = new MessageWriter(256);
        int start = w.begin(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        body.write(w);
        w.end(start);
        return w.toByteArray();
    }

    private final NetlinkSocket socket;
    private final MessageWriter writer = new MessageWriter(64 * 1024);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(NetlinkSocket.RECEIVE_BUFFER_SIZE)
            .order(ByteOrder.nativeOrder());
    private final int maxMessagesPerSend;
    private final int maxBytesPerSend;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private long changeMessagesSent;
    private long datagramsSent;

    /**
     * @param maxMessagesPerSend how many changes share one datagram; their acks must fit in
     *     the socket's receive buffer (about 1 KiB of skb each)
     */
    public RtnlConnection(NetlinkSocket socket, int maxMessagesPerSend) {
        if (maxMessagesPerSend < 1) {
            throw new IllegalArgumentException("maxMessagesPerSend must be positive, got " + maxMessagesPerSend);
        }
        this.socket = socket;
        this.maxMessagesPerSend = maxMessagesPerSend;
        // Below the default SO_SNDBUF cap, so a batch never fails with EMSGSIZE even unprivileged.
        this.maxBytesPerSend = 128 * 1024;
    }

    /**
     * Opens a request socket. Up to 1,024 changes share a datagram, fewer if the receive
     * buffer could not be raised: each ack takes about 1 KiB of it until read, and an ack
     * that does not fit is dropped by the kernel.
     */
    public static RtnlConnection open(NetlinkSocket.Options options) throws NetlinkException {
        NetlinkSocket s = NetlinkSocket.open(options);
        try {
            int window = Math.max(16, Math.min(1024, s.receiveBufferBytes() / 2048));
            if (window < 1024) {
                log.info("netlink receive buffer is {} bytes; sending at most {} changes per datagram",
                        s.receiveBufferBytes(), window);
            }
            return new RtnlConnection(s, window);
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public NetlinkSocket socket() {
        return socket;
    }

    /** Change requests (not dumps) sent since creation. */
    public long changeMessagesSent() {
        return changeMessagesSent;
    }

    public long datagramsSent() {
        return datagramsSent;
    }

    /** Sends a dump request and decodes every reply part until NLMSG_DONE. */
    @Override
    public <T> List<T> dump(int type, MessageBody body, Decoder<T> decoder) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            List<T> out = new ArrayList<>();
            int mySeq = nextSeq();
            writer.clear();
            int start = writer.begin(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, mySeq);
            body.write(writer);
            writer.end(start);
            socket.send(writer.buffer(), writer.length());
            datagramsSent++;
            boolean interrupted = receiveDump(mySeq, type, decoder, out);
            if (!interrupted) {
                return out;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkException("dump of message type " + type + " kept changing under us ("
                        + DUMP_ATTEMPTS + " attempts)", Errno.EAGAIN.code(), null);
            }
            log.debug("dump of type {} interrupted by concurrent change, restarting", type);
        }
    }

    private <T> boolean receiveDump(int mySeq, int type, Decoder<T> decoder, List<T> out) throws NetlinkException {
        boolean interrupted = false;
        while (true) {
            int n = socket.receive(rx);
            if (n < 0) {
                throw new NetlinkException("no reply to dump of message type " + type, Errno.ETIMEDOUT.code(), null);
            }
            for (NlMessage m : NlMessage.parse(rx, n)) {
                if (m.seq() != mySeq) {
                    log.debug("ignoring stale netlink reply seq {} type {} (dump seq {})", m.seq(), m.type(), mySeq);
                    continue;
                }
                if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
                    interrupted = true;
                }
                switch (m.type()) {
                    case Netlink.NLMSG_DONE -> {
                        int err = m.payload().limit() >= 4 ? m.payload().getInt(0) : 0;
                        if (err < 0) {
                            throw new NetlinkException("dump of message type " + type, -err, extAckOfDone(m));
                        }
                        return interrupted;
                    }
                    case Netlink.NLMSG_ERROR -> {
                        ErrorReply e = ErrorReply.parse(m);
                        if (e.error() != 0) {
                            throw new NetlinkException("dump of message type " + type, -e.error(), e.extAck());
                        }
                    }
                    case Netlink.NLMSG_NOOP -> { }
                    default -> {
                        T t = decoder.decode(m);
                        if (t != null) {
                            out.add(t);
                        }
                    }
                }
            }
        }
    }

    private static String extAckOfDone(NlMessage m) throws NetlinkException {
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || m.payload().limit() <= 4) {
            return null;
        }
        Attr a = Attributes.parse(m.payload().slice(4, m.payload().limit() - 4).order(ByteOrder.nativeOrder()))
                .get(Netlink.NLMSGERR_ATTR_MSG);
        return a == null ? null : a.string();
    }

    /**
     * Sends change requests in as few datagrams as the limits allow and waits for every ack.
     * One failing request does not stop the others: the kernel processes each message of a
     * datagram on its own.
     *
     * @return per request, null when the kernel acknowledged it, else the kernel's error
     */
    @Override
    public List<NetlinkException> execute(List<Request> requests) throws NetlinkException {
        NetlinkException[] results = new NetlinkException[requests.size()];
        int i = 0;
        while (i < requests.size()) {
            writer.clear();
            int firstSeq = seq + 1;
            int count = 0;
            while (i + count < requests.size() && count < maxMessagesPerSend && writer.length() < maxBytesPerSend) {
                requests.get(i + count).writeTo(writer, nextSeq());
                count++;
            }
            socket.send(writer.buffer(), writer.length());
            datagramsSent++;
            changeMessagesSent += count;
            awaitAcks(requests, i, firstSeq, count, results);
            i += count;
        }
        return Arrays.asList(results);
    }

    private void awaitAcks(List<Request> requests, int base, int firstSeq, int count, NetlinkException[] results)
            throws NetlinkException {
        boolean[] answered = new boolean[count];
        int pending = count;
        while (pending > 0) {
            int n = socket.receive(rx);
            if (n < 0) {
                throw new NetlinkException(pending + " of " + count + " requests unanswered, first: "
                        + requests.get(base).description(), Errno.ETIMEDOUT.code(), null);
            }
            for (NlMessage m : NlMessage.parse(rx, n)) {
                int k = m.seq() - firstSeq;
                if (m.type() != Netlink.NLMSG_ERROR || k < 0 || k >= count || answered[k]) {
                    log.debug("ignoring netlink reply seq {} type {} outside batch {}..{}", m.seq(), m.type(),
                            firstSeq, firstSeq + count - 1);
                    continue;
                }
                answered[k] = true;
                pending--;
                ErrorReply e = ErrorReply.parse(m);
                if (e.error() != 0) {
                    results[base + k] = new NetlinkException(requests.get(base + k).description(), -e.error(),
                            e.extAck());
                }
            }
        }
    }

    private int nextSeq() {
        seq++;
        if (seq == 0) {
            seq = 1; // 0 is what unsolicited notifications carry
        }
        return seq;
    }

    @Override
    public void close() {
        socket.close();
    }
}
