package dev.podbgp.bgp.wire;

/** A decoded BGP message. Immutable; holds no buffers. */
public sealed interface BgpMessage
        permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage, RouteRefreshMessage {

    MessageType type();
}
