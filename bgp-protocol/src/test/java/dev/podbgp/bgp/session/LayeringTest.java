package dev.podbgp.bgp.session;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire codec knows nothing of channels or sessions: it may use netty-buffer and nothing else of Netty. */
class LayeringTest {
    @Test
    void wirePackageImportsOnlyNettyBuffer() throws IOException {
        Path wire = Path.of("src/main/java/dev/podbgp/bgp/wire");
        assertThat(wire).isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.list(wire)) {
            offending = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream()
                            .filter(l -> l.startsWith("import"))
                            .filter(l -> (l.contains("io.netty.") && !l.contains("io.netty.buffer."))
                                    || l.contains("dev.podbgp.bgp.session"))
                            .map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(offending).isEmpty();
    }
}
