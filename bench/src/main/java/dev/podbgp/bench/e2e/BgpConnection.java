package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.KeepaliveMessage;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * One BGP session of the harness's own feeder or monitor over a blocking socket: the OPEN
 * exchange, then whole messages in and out. Writes are serialized so a keepalive never lands
 * inside an UPDATE. Deliberately minimal (no FSM, no timers of its own): the harness side of
 * the measurement must cost as little as possible and be the same for every device.
 */
final class BgpConnection implements AutoCloseable {
  /** Hold time we offer; keepalives go out every third of it. Same for every device. */
  static final int HOLD_TIME = 90;

  private final SocketChannel channel;
  private final String name;
  private final ByteBuffer in = ByteBuffer.allocate(1 << 20);
  private CodecOptions options = CodecOptions.OPEN_DEFAULTS;
  /** Set once Established (written by the session's thread, read by others). */
  private volatile OpenMessage peerOpen;
  /** How the session came to be, when it is worth telling (e.g. it took several attempts). */
  private volatile String connectHistory;
  /** {@code System.nanoTime()} of the last bytes read from the peer, for the hold timer. */
  private volatile long lastReceived = System.nanoTime();

  BgpConnection(SocketChannel channel, String name) {
    this.channel = channel;
    this.name = name;
    in.flip();
  }

  String name() {
    return name;
  }

  CodecOptions options() {
    return options;
  }

  /**
   * Whether the peer has been silent for longer than the hold time: the peer sends a KEEPALIVE
   * every third of it, so a silent peer no longer serves this session (it may still hold the
   * TCP connection open, so nothing else would tell us).
   */
  boolean holdTimerExpired(long now) {
    return now - lastReceived > java.util.concurrent.TimeUnit.SECONDS.toNanos(HOLD_TIME);
  }

  /**
   * Starts the hold timer afresh: for a session nobody read from for a while (the feeder's
   * sessions wait, unread, until all of them are Established), whatever the peer sent meanwhile
   * is still in the socket and not yet counted.
   */
  void restartHoldTimer() {
    lastReceived = System.nanoTime();
  }

  void setConnectHistory(String history) {
    connectHistory = history;
  }

  java.util.Optional<String> connectHistory() {
    return java.util.Optional.ofNullable(connectHistory);
  }

  /** {@code e}'s message, starting with this session's name once (ours carry it already). */
  String describe(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.startsWith(name) ? m : name + ": " + m;
  }

  /** The peer's OPEN once Established, else null. */
  OpenMessage peerOpen() {
    return peerOpen;
  }

  /** Our OPEN: IPv4 unicast, 4-octet AS, route refresh; nothing a device could tune on. */
  static OpenMessage open(long asn, int bgpId) {
    return OpenMessage.of(asn, HOLD_TIME, bgpId, List.of(
        new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
        new Capability.RouteRefresh(),
        new Capability.FourOctetAs((int) asn)));
  }

  /** Sends our OPEN, reads theirs, exchanges KEEPALIVEs: returns when Established. */
  void establish(long asn, int bgpId) throws IOException {
    OpenMessage ours = open(asn, bgpId);
    send(encode(ours, CodecOptions.OPEN_DEFAULTS));
    BgpMessage first = read();
    if (!(first instanceof OpenMessage theirs)) {
      throw new IOException(name + ": expected OPEN, got " + first);
    }
    options = CodecOptions.negotiate(ours, theirs);
    send(encode(KeepaliveMessage.INSTANCE, options));
    BgpMessage second = read();
    if (!(second instanceof KeepaliveMessage)) {
      throw new IOException(name + ": expected KEEPALIVE after OPEN, got " + second);
    }
    peerOpen = theirs;
  }

  static byte[] encode(BgpMessage m, CodecOptions options) {
    ByteBuf buf = Unpooled.buffer(BgpEncoder.maxLength(m.type(), options));
    try {
      BgpEncoder.encode(m, options, buf);
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }

  synchronized void send(byte[] bytes) throws IOException {
    send(bytes, 0, bytes.length);
  }

  synchronized void send(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
    // Blocking channels write all at once; the monitor's non-blocking ones only ever send a
    // 19-byte KEEPALIVE, which a socket buffer takes whole, so this loop does not spin.
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  void sendKeepalive() throws IOException {
    send(encode(KeepaliveMessage.INSTANCE, options));
  }

  /** The next whole message, header included, as a buffer valid until the next call. */
  ByteBuf readFrame() throws IOException {
    while (true) {
      ByteBuf frame = bufferedFrame();
      if (frame != null) {
        return frame;
      }
      fill();
    }
  }

  /**
   * For a non-blocking channel: the next whole message if one is buffered or arrives with one
   * read, else null (call again when the channel is readable).
   */
  ByteBuf pollFrame() throws IOException {
    ByteBuf frame = bufferedFrame();
    if (frame != null) {
      return frame;
    }
    return fill() > 0 ? bufferedFrame() : null;
  }

  SocketChannel channel() {
    return channel;
  }

  private ByteBuf bufferedFrame() throws IOException {
    if (in.remaining() >= BgpDecoder.HEADER_LENGTH) {
      int len = ((in.get(in.position() + 16) & 0xff) << 8) | (in.get(in.position() + 17) & 0xff);
      if (len < BgpDecoder.HEADER_LENGTH || len > CodecOptions.MAX_EXTENDED_MESSAGE_LENGTH) {
        throw new IOException(name + ": bad message length " + len);
      }
      if (in.remaining() >= len) {
        ByteBuf frame = Unpooled.wrappedBuffer(in.array(), in.position(), len);
        in.position(in.position() + len);
        return frame;
      }
    }
    return null;
  }

  private int fill() throws IOException {
    in.compact();
    int n;
    try {
      n = channel.read(in);
    } finally {
      in.flip();
    }
    if (n < 0) {
      throw new IOException(name + ": connection closed by peer");
    }
    if (n > 0) {
      lastReceived = System.nanoTime();
    }
    return n;
  }

  /** The next message decoded; a NOTIFICATION or undecodable message is an error. */
  BgpMessage read() throws IOException {
    DecodeResult r = BgpDecoder.decode(readFrame(), options);
    if (r instanceof DecodeResult.Decoded d) {
      if (d.message() instanceof NotificationMessage n) {
        throw new IOException(name + ": peer sent " + n);
      }
      return d.message();
    }
    if (r instanceof DecodeResult.TreatAsWithdraw t) {
      throw new IOException(name + ": malformed UPDATE from peer: " + t.reason());
    }
    throw new IOException(name + ": undecodable message from peer: "
        + ((DecodeResult.SessionReset) r).reason());
  }

  static InetSocketAddress bgp(java.net.InetAddress a) {
    return new InetSocketAddress(a, 179);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing for good; nothing left to do with the error
    }
  }
}
