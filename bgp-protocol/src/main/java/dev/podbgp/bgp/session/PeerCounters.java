package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.MessageType;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Message counters of one peer, written by the session thread and read by
 * anyone (CLI, metrics). Survive session restarts.
 */
public final class PeerCounters {
    private static final int TYPES = MessageType.values().length;
    private final AtomicLongArray in = new AtomicLongArray(TYPES);
    private final AtomicLongArray out = new AtomicLongArray(TYPES);

    void received(MessageType t) {
        in.incrementAndGet(t.ordinal());
    }

    void sent(MessageType t) {
        out.incrementAndGet(t.ordinal());
    }

    void sent(MessageType t, int n) {
        out.addAndGet(t.ordinal(), n);
    }


    /** An immutable copy. */
    public Snapshot snapshot() {
        long[] i = new long[TYPES];
        long[] o = new long[TYPES];
        for (int k = 0; k < TYPES; k++) {
            i[k] = in.get(k);
            o[k] = out.get(k);
        }
        return new Snapshot(i, o);
    }

    /** Counts at one moment. */
    public static final class Snapshot {
        private final long[] in;
        private final long[] out;

        private Snapshot(long[] in, long[] out) {
            this.in = in;
            this.out = out;
        }

        public long received(MessageType t) {
            return in[t.ordinal()];
        }

        public long sent(MessageType t) {
            return out[t.ordinal()];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (MessageType t : MessageType.values()) {
                b.append(t).append(' ').append(in[t.ordinal()]).append('/').append(out[t.ordinal()]).append(' ');
            }
            return b.append("(in/out)").toString();
        }
    }
}
