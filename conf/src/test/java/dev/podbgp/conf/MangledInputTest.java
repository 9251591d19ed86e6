package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Damaged versions of the example file never produce a stray exception: the
 * loader answers with located problems or a configuration, nothing else.
 */
class MangledInputTest {
    private static final String PIECES = " :-[]{},\"'#&*!|>%@`\t\n0123456789abcdefxyz./";

    @Test
    void everyMutationIsAnsweredWithLocatedProblems() throws IOException {
        String example = Files.readString(Path.of("podbgpd.yaml"));
        Random random = new Random(20261121L); // fixed: a failure must be reproducible
        int rejected = 0;
        for (int i = 0; i < 500; i++) {
            String mangled = mutate(example, random, 1 + random.nextInt(3));
            ConfigLoader.Result r = ConfigLoader.withoutFileChecks().check(mangled, "m.yaml", Path.of("/etc/podbgp"));
            assertThat(r.config().isPresent()).as("config xor errors for mutation %d", i).isEqualTo(r.errors().isEmpty());
            for (ConfigProblem p : r.errors()) {
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.message()).isNotBlank();
            }
            if (!r.errors().isEmpty()) {
                rejected++;
            }
        }
        // The mutations must actually exercise the error paths, not just comments.
        assertThat(rejected).isGreaterThan(250);
    }

    private static String mutate(String text, Random random, int edits) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> {
                    int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
                    lines.set(at, line.substring(0, pos) + PIECES.charAt(random.nextInt(PIECES.length()))
                            + line.substring(pos));
                }
                case 3 -> {
                    if (!line.isEmpty()) {
                        int pos = random.nextInt(line.length());
                        lines.set(at, line.substring(0, pos) + line.substring(pos + 1));
                    }
                }
                default -> lines.set(at, line.replaceFirst("^ {2}", ""));
            }
        }
        return String.join("\n", lines);
    }
}
