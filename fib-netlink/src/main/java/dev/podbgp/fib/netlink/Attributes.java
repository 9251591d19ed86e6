package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A parsed run of attributes, in wire order; repeated types are kept. */
public final class Attributes {

    private final List<Attr> list;

    private Attributes(List<Attr> list) {
        this.list = list;
    }

    public static Attributes parse(ByteBuffer region) throws NetlinkException {
        List<Attr> out = new ArrayList<>();
        int limit = region.limit();
        int pos = 0;
        while (limit - pos >= 4) {
            int len = region.getShort(pos) & 0xffff;
            int rawType = region.getShort(pos + 2) & 0xffff;
            if (len < 4 || len > limit - pos) {
                throw new NetlinkException("malformed attribute at offset " + pos + ": length " + len + " with "
                        + (limit - pos) + " bytes left", Errno.EBADMSG.code(), null);
            }
            ByteBuffer value = region.slice(pos + 4, len - 4).order(ByteOrder.nativeOrder());
            out.add(new Attr(rawType & Netlink.NLA_TYPE_MASK, (rawType & Netlink.NLA_F_NESTED) != 0, value));
            pos += Netlink.align(len);
        }
        return new Attributes(out);
    }

    /** The first attribute of this type, or null. */
    public Attr get(int type) {
        for (Attr a : list) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    public boolean has(int type) {
        return get(type) != null;
    }

    public List<Attr> all() {
        return Collections.unmodifiableList(list);
    }

    public int size() {
        return list.size();
    }
}
