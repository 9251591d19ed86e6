package dev.podbgp.interop.peer;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP prefix in canonical form (host bits zero), parsed from "a.b.c.d/n" or "x::/n". */
public record Prefix(InetAddress address, int length) {

  public Prefix {
    int max = address instanceof Inet6Address ? 128 : 32;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " out of 0.." + max
          + " for " + address.getHostAddress());
    }
    byte[] b = address.getAddress();
    for (int bit = length; bit < b.length * 8; bit++) {
      if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalArgumentException(address.getHostAddress() + "/" + length
            + " has host bits set");
      }
    }
  }

  public static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("prefix '" + text + "' lacks '/length'");
    }
    String addr = text.substring(0, slash);
    if (!addr.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("prefix '" + text + "' has no IP literal before '/'");
    }
    int len;
    try {
      len = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("prefix '" + text + "' has a non-numeric length", e);
    }
    try {
      return new Prefix(InetAddress.getByName(addr), len);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("prefix '" + text + "' has a bad address", e);
    }
  }

  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  @Override
  public String toString() {
    return Addresses.format(address) + "/" + length;
  }
}
