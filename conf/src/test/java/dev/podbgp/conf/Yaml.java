package dev.podbgp.conf;

import java.nio.file.Path;
import java.util.List;

/** Test helpers: configuration text in, problems or configuration out. */
final class Yaml {
    static final String NODE = """
            node:
              name: node-a
              asn: 64512
              address: 192.0.2.1
              podCIDRs: [10.244.1.0/24]
            """;

    private Yaml() {
    }

    static ConfigLoader.Result check(String yaml) {
        return ConfigLoader.withoutFileChecks().check(yaml, "podbgpd.yaml", Path.of("/etc/podbgp"));
    }

    /** Every error, as the line a person would read. */
    static List<String> errors(String yaml) {
        return check(yaml).errors().stream().map(ConfigProblem::toString).toList();
    }

    static PodbgpConfig config(String yaml) throws ConfigException {
        return ConfigLoader.withoutFileChecks().parse(yaml, "podbgpd.yaml", Path.of("/etc/podbgp"));
    }
}
