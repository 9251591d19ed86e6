package dev.podbgp.interop.podbgp;

import io.netty.util.concurrent.DefaultThreadFactory;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * Threads that live in a network namespace: each enters
 * {@code /var/run/netns/NAME} with setns(2) before it runs anything, so every
 * socket it creates belongs to that namespace (a socket stays in the
 * namespace it was created in). setns of CLONE_NEWNET affects only the
 * calling thread, so the rest of the test JVM stays in the root namespace.
 */
public final class NamespaceThreads {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    /** The libc calls we need. */
    public interface LibC {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);

        String strerror(int errno);
    }

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());

    private NamespaceThreads() {
    }

    /** Daemon threads named {@code prefix-N}, each inside namespace {@code netns}. */
    public static ThreadFactory factory(String netns, String prefix) {
        Path path = Path.of("/var/run/netns", netns);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("network namespace " + netns + " does not exist (" + path + ")");
        }
        return new DefaultThreadFactory(prefix, true) {
            @Override
            public Thread newThread(Runnable r) {
                return super.newThread(() -> {
                    enter(path);
                    r.run();
                });
            }
        };
    }

    /** Moves the calling thread into the namespace at {@code path}. */
    public static void enter(Path path) {
        int fd = LIBC.open(path.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + path + ": " + lastError());
        }
        try {
            if (LIBC.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns(" + path + ") failed: " + lastError());
            }
        } finally {
            LIBC.close(fd);
        }
    }

    private static String lastError() {
        int errno = jnr.ffi.LastError.getLastError(jnr.ffi.Runtime.getSystemRuntime());
        return LIBC.strerror(errno) + " (errno " + errno + ")";
    }
}
