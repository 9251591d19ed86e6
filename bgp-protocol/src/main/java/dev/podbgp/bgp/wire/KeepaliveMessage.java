package dev.podbgp.bgp.wire;

/** KEEPALIVE: the header alone. */
public record KeepaliveMessage() implements BgpMessage {
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
