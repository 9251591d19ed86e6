package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The configuration in effect, written out, reads back to the same configuration. */
class ConfigYamlTest {

    @Test
    void exampleRoundTrips() throws IOException, ConfigException {
        PodbgpConfig c = ConfigLoader.withoutFileChecks().parse(Files.readString(Path.of("podbgpd.yaml")),
                "podbgpd.yaml", Path.of("/etc/podbgp"));
        String rendered = ConfigYaml.render(c);
        PodbgpConfig again = ConfigLoader.withoutFileChecks().parse(rendered, "rendered.yaml", Path.of("/"));
        assertThat(again).isEqualTo(c);
        // Templates are expanded: range rack7 carries template tor's import policy itself.
        assertThat(rendered).doesNotContain("template:").contains("      reject:\n        - 10.244.0.0/16 le 32\n");
    }

    @Test
    void minimalFileRendersEveryDefault() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000}\n"
                + "metrics: {listen: ':9179'}\n");
        String rendered = ConfigYaml.render(c);
        assertThat(ConfigLoader.withoutFileChecks().parse(rendered, "r.yaml", Path.of("/"))).isEqualTo(c);
        assertThat(rendered).contains("holdTime: 90s", "protocol: 186", "table: main", "multihop: 1",
                "accept: []", "default: reject", "maxPaths: 16");
    }
}
