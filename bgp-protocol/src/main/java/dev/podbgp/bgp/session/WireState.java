package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.OpenMessage;

/**
 * The codec options of one channel. Computed on the channel's own thread the
 * moment both OPENs are known (ours when it is encoded, the peer's when it is
 * decoded), so the first UPDATE after the OPEN exchange is already read with
 * the negotiated ADD-PATH, 4-octet AS and length settings, whatever thread the
 * session runs on.
 */
final class WireState {
    private OpenMessage sent;
    private OpenMessage received;
    private CodecOptions options = CodecOptions.OPEN_DEFAULTS;

    CodecOptions options() {
        return options;
    }

    void sent(OpenMessage open) {
        sent = open;
        update();
    }

    void received(OpenMessage open) {
        received = open;
        update();
    }

    private void update() {
        if (sent != null && received != null) {
            options = CodecOptions.negotiate(sent, received);
        }
    }
}
