package dev.podbgp.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Sends one request to podbgpd's control socket and reads the answer. */
public final class ControlClient {
    /** Responses carry the whole Loc-RIB; allow far more than a request. */
    private static final int MAX_RESPONSE = 256 * 1024 * 1024;

    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /** @throws ControlClientException with a message that says what to check */
    public ControlResponse send(ControlRequest request) throws ControlClientException {
        try (SocketChannel channel = connect()) {
            Lines.write(channel, ControlJson.MAPPER.writeValueAsString(request));
            channel.shutdownOutput();
            String line = Lines.read(channel, MAX_RESPONSE);
            if (line == null) {
                throw new ControlClientException("podbgpd at " + socket + " closed the connection without an answer");
            }
            return ControlJson.MAPPER.readValue(line, ControlResponse.class);
        } catch (JsonProcessingException e) {
            throw new ControlClientException("podbgpd at " + socket + " sent an answer this client cannot read: "
                    + e.getOriginalMessage() + " (client and daemon from different versions?)");
        } catch (IOException e) {
            throw new ControlClientException("talking to podbgpd at " + socket + " failed: " + e.getMessage());
        }
    }

    private SocketChannel connect() throws ControlClientException {
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new ControlClientException(whyNotConnected(e));
        }
    }

    private String whyNotConnected(IOException e) {
        if (!Files.exists(socket)) {
            return "no control socket at " + socket + ": is podbgpd running, and is control.socket set to this"
                    + " path? (use --socket PATH)";
        }
        if (e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("Permission denied")) {
            return "permission denied on " + socket + ": the socket is mode 0600, run podbgp as the user podbgpd"
                    + " runs as (e.g. with sudo)";
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("Connection refused")) {
            return "nothing listens on " + socket + ": podbgpd is not running (the socket file is left over)";
        }
        return "cannot connect to podbgpd at " + socket + ": " + e.getMessage();
    }
}
