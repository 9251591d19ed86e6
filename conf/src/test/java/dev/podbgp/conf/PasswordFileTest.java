package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password files are checked for real in strict mode, and their content never reaches a message. */
class PasswordFileTest {
    @TempDir
    Path dir;

    private ConfigLoader.Result strict(String keyFile) {
        return ConfigLoader.strict().check(Yaml.NODE + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000,"
                + " passwordFile: " + keyFile + "}\n", "podbgpd.yaml", dir);
    }

    @Test
    void missingFileIsAnErrorOnlyInStrictMode() {
        assertThat(strict("tor1.key").errors()).extracting(ConfigProblem::toString).containsExactly(
                "podbgpd.yaml:7:66: peers[0].passwordFile: \"" + dir.resolve("tor1.key")
                        + "\" does not exist (expected a readable file holding the TCP MD5 key)");
        assertThat(Yaml.errors(Yaml.NODE + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000,"
                + " passwordFile: tor1.key}\n")).isEmpty();
    }

    @Test
    void goodKeyIsReadWithoutItsNewline() throws IOException, ConfigException {
        Path key = dir.resolve("tor1.key");
        Files.writeString(key, "hunter2\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        ConfigLoader.Result r = strict("tor1.key");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        PasswordFile pf = r.orThrow().peers().get(0).settings().passwordFile().orElseThrow();
        assertThat(new String(pf.readKey(), StandardCharsets.US_ASCII)).isEqualTo("hunter2");
        assertThat(pf.toString()).doesNotContain("hunter2");
        assertThat(r.orThrow().toString()).doesNotContain("hunter2");
    }

    @Test
    void readableByOthersIsAWarning() throws IOException {
        Path key = dir.resolve("tor1.key");
        Files.writeString(key, "hunter2");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigLoader.Result r = strict("tor1.key");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "podbgpd.yaml:7:66: warning: peers[0].passwordFile: \"" + key
                        + "\" can be read by other users (expected mode 0600 or 0400: it holds a secret)");
    }

    @Test
    void emptyOrOversizedKeyIsRefusedWithoutQuotingIt() throws IOException {
        Path empty = dir.resolve("empty.key");
        Files.writeString(empty, "\n");
        assertThat(strict("empty.key").errors()).extracting(ConfigProblem::message).containsExactly(
                empty + " is empty (expected a TCP MD5 key of 1..80 bytes)");
        Path big = dir.resolve("big.key");
        String secret = "x".repeat(81);
        Files.writeString(big, secret);
        assertThat(strict("big.key").errors()).extracting(ConfigProblem::message).containsExactly(
                big + " holds a key of 81 bytes (expected at most 80, the kernel's TCP MD5 limit)");
    }
}
