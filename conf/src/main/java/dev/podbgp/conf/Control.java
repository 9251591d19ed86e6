package dev.podbgp.conf;

import java.nio.file.Path;
import java.util.Objects;

/** The control API: a Unix socket (mode 0600) the {@code podbgp} client talks to. */
public record Control(Path socket) {
    public static final Path DEFAULT_SOCKET = Path.of("/run/podbgp/podbgpd.sock");

    public Control {
        Objects.requireNonNull(socket, "socket");
    }
}
