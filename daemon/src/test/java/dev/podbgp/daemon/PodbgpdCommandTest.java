package dev.podbgp.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** podbgpd's command line: check-config and the ways the daemon refuses to start. */
class PodbgpdCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Never the real core here: it would open sockets and netlink in the test's own namespace.
        CommandLine cmd = PodbgpdCommand.commandLine(context -> {
            throw new DaemonException("this test's BGP core refuses to start");
        });
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("podbgpd.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String VALID = """
            node:
              name: node-a
              asn: 64512
              address: 192.0.2.1
              podCIDRs: [10.244.1.0/24]
            cluster:
              nodes:
                - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
            """;

    @Test
    void checkConfigAcceptsAValidFile() throws Exception {
        Path f = file(VALID);
        Run r = run("check-config", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(f + ": OK, node node-a (AS 64512), 1 session\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkConfigPrintsEveryErrorWithLineAndColumn() throws Exception {
        Path f = file("""
                node:
                  name: node-a
                  asn: 64x
                  address: 192.0.2.1
                  podCIDR: [10.244.1.0/24]
                """);
        Run r = run("check-config", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(3);
        assertThat(r.err()).contains(f + ":3:8: node.asn: \"64x\" is not an AS number")
                .contains(f + ":5:3: node.podCIDR: ")
                .contains("podCIDRs")
                .endsWith(f + ": 2 errors\n");
    }

    @Test
    void checkConfigOnAMissingFile() {
        Path f = dir.resolve("missing.yaml");
        Run r = run("check-config", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":1:1: \"" + f + "\" cannot be read");
    }

    @Test
    void checkConfigNeedsAFile() {
        Run r = run("check-config");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void daemonNeedsConfig() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing --config FILE (or use: podbgpd check-config FILE)");
    }

    @Test
    void unknownLogFormatIsAUsageError() {
        Run r = run("--config", "x.yaml", "--log-format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--log-format").contains("xml").contains("TEXT, JSON");
    }

    @Test
    void badConfigurationExitsWithExConfig() throws Exception {
        Path f = file("node: {name: node-a}\n");
        assertThat(run("--config", f.toString()).exit()).isEqualTo(PodbgpdCommand.EXIT_CONFIG);
    }

    @Test
    void aCoreThatCannotStartExitsOneAndLeavesNoSocket() throws Exception {
        Path f = file(VALID + "control: {socket: " + dir.resolve("podbgpd.sock") + "}\nmetrics: {enabled: false}\n");
        assertThat(run("--config", f.toString(), "--log-format", "json").exit()).isEqualTo(1);
        assertThat(dir.resolve("podbgpd.sock")).doesNotExist();
    }
}
