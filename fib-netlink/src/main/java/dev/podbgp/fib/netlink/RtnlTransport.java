package dev.podbgp.fib.netlink;

import dev.podbgp.fib.netlink.RtnlConnection.Decoder;
import dev.podbgp.fib.netlink.RtnlConnection.MessageBody;
import dev.podbgp.fib.netlink.RtnlConnection.Request;
import java.util.List;

/**
 * What a reconciler needs from rtnetlink: dumps and acknowledged batches. {@link
 * RtnlConnection} is the real one; tests put a model kernel behind this.
 */
public interface RtnlTransport {

    <T> List<T> dump(int type, MessageBody body, Decoder<T> decoder) throws NetlinkException;

    /** Per request, null when acknowledged, else the kernel's error; in request order. */
    List<NetlinkException> execute(List<Request> requests) throws NetlinkException;
}
