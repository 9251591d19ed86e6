package dev.podbgp.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** State shared by the section parsers while one file is read. */
final class ParseContext {
    final Problems problems;
    final Path baseDir;
    final boolean checkFiles;
    /** Null when the node section itself is broken; checks that need it are then skipped. */
    Node node;
    /** The top-level timers and gracefulRestart mappings, bottom layer under every peer's own; may be null. */
    Value globalTimers;
    Value globalGracefulRestart;
    boolean routeReflector;
    /** listen.port is 0: nobody can connect to us. */
    boolean listenDisabled;

    /** A value with where it was written and whose it is, for the checks across sections. */
    record Located<T>(T value, Value at, String owner) {
    }

    /** Session names (cluster nodes, peers, ranges) and node names. */
    final List<Located<String>> names = new ArrayList<>();
    /** Neighbour addresses (cluster nodes, peers) and this node's. */
    final List<Located<InetAddress>> addresses = new ArrayList<>();
    /** Pod CIDRs of this node and of every other node. */
    final List<Located<IpPrefix>> podCidrs = new ArrayList<>();
    final List<Located<IpPrefix>> ranges = new ArrayList<>();

    /** Registers every prefix of a podCIDRs list; returns the list or null after an error. */
    List<IpPrefix> podCidrList(Value v, String owner) {
        if (v == null) {
            return List.of();
        }
        List<Value> items = v.items("CIDR prefixes like 10.244.1.0/24");
        if (items == null) {
            return null;
        }
        List<IpPrefix> out = new ArrayList<>();
        boolean ok = true;
        for (Value item : items) {
            IpPrefix p = item.as(Scalars.PREFIX);
            if (p == null) {
                ok = false;
            } else {
                out.add(p);
                podCidrs.add(new Located<>(p, item, owner));
            }
        }
        return ok ? out : null;
    }

    ParseContext(Problems problems, Path baseDir, boolean checkFiles) {
        this.problems = problems;
        this.baseDir = baseDir;
        this.checkFiles = checkFiles;
    }

    /** Relative paths are taken from the configuration file's directory, not the daemon's working directory. */
    Path resolve(Path p) {
        return baseDir.resolve(p).normalize();
    }

    /** Reads a passwordFile key and, when checking files, makes sure the key is usable. */
    Optional<PasswordFile> passwordFile(Value v) {
        if (v == null) {
            return Optional.empty();
        }
        Path p = v.as(Scalars.PATH);
        if (p == null) {
            return Optional.empty();
        }
        PasswordFile file = new PasswordFile(resolve(p));
        if (checkFiles) {
            checkPasswordFile(v, file);
        }
        return Optional.of(file);
    }

    private static void checkPasswordFile(Value v, PasswordFile file) {
        Path p = file.path();
        String q = InvalidValueException.quote(p.toString());
        if (!Files.exists(p)) {
            v.error(q + " does not exist (expected a readable file holding the TCP MD5 key)");
            return;
        }
        if (!Files.isRegularFile(p)) {
            v.error(q + " is not a regular file (expected a readable file holding the TCP MD5 key)");
            return;
        }
        if (!Files.isReadable(p)) {
            v.error(q + " is not readable by this user (expected a readable file holding the TCP MD5 key)");
            return;
        }
        try {
            byte[] key = file.readKey();
            java.util.Arrays.fill(key, (byte) 0);
        } catch (IOException e) {
            // readKey's messages name the path and the size, never the content
            v.error(e.getMessage());
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                v.warning(q + " can be read by other users (expected mode 0600 or 0400: it holds a secret)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions here: nothing to warn about
        }
    }
}
