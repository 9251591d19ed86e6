package dev.podbgp.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file holding a TCP MD5 signature key (RFC 2385). Only the path is kept
 * and printed; the key is read when needed and never appears in a message.
 */
public record PasswordFile(Path path) {
    /** TCP_MD5SIG_MAXKEYLEN in Linux. */
    public static final int MAX_KEY_BYTES = 80;

    public PasswordFile {
        Objects.requireNonNull(path, "path");
    }

    /**
     * Reads the key: the file's bytes without one trailing newline (editors add
     * one). Fails for an empty key or one longer than the kernel accepts,
     * without quoting the content.
     */
    public byte[] readKey() throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
            n--;
            if (n > 0 && bytes[n - 1] == '\r') {
                n--;
            }
        }
        byte[] key = Arrays.copyOf(bytes, n);
        Arrays.fill(bytes, (byte) 0);
        if (key.length == 0) {
            throw new IOException(path + " is empty (expected a TCP MD5 key of 1.." + MAX_KEY_BYTES + " bytes)");
        }
        if (key.length > MAX_KEY_BYTES) {
            int len = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IOException(path + " holds a key of " + len + " bytes (expected at most " + MAX_KEY_BYTES
                    + ", the kernel's TCP MD5 limit)");
        }
        return key;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
