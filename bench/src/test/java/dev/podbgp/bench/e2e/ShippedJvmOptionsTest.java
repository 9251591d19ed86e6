package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness runs podbgpd with the options the project ships, read from the same file. */
class ShippedJvmOptionsTest {

  @Test
  void theShippedFileIsReadAsTheSystemdUnitReadsIt() {
    Path env = Path.of("../conf/podbgpd.env");
    assertThat(PodbgpDut.shippedJvmFlags(env)).contains("-XX:+ExitOnOutOfMemoryError")
        .anyMatch(f -> f.startsWith("-Xmx")).allMatch(f -> f.startsWith("-") && !f.contains("\""))
        .as("exactly one collector chosen").filteredOn(f -> f.matches("-XX:\\+Use\\w+GC")).hasSize(1);
  }

  @Test
  void quotesCommentsAndAMissingSettingAreHandled(@TempDir Path dir) throws IOException {
    Path env = dir.resolve("podbgpd.env");
    Files.writeString(env, "# comment\nOTHER=1\n  PODBGPD_JAVA_OPTS=\"-Xmx1g   -XX:+UseSerialGC\"\n");
    assertThat(PodbgpDut.shippedJvmFlags(env)).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    Files.writeString(env, "PODBGPD_JAVA_OPTS=\n");
    assertThat(PodbgpDut.shippedJvmFlags(env)).isEmpty();
    Files.writeString(env, "# nothing\n");
    assertThatThrownBy(() -> PodbgpDut.shippedJvmFlags(env)).hasMessageContaining("sets no PODBGPD_JAVA_OPTS");
  }
}
