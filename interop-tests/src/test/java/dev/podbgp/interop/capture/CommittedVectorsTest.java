package dev.podbgp.interop.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vectors committed under bgp-protocol are what CaptureVectors writes: one message per file,
 * lowercase hex, header length = byte count, and tshark's own type and length in the comments
 * agree with the bytes (guards against hand edits).
 */
class CommittedVectorsTest {
  private static final Path DIR = Path.of("..", "bgp-protocol", "src", "test", "resources",
      "captured");

  @Test
  void everyVectorIsOneWellFormedMessageThatMatchesItsDecoding() throws IOException {
    assumeTrue(Files.isDirectory(DIR), () -> "skipped: " + DIR.toAbsolutePath() + " not here");
    List<Path> files;
    try (Stream<Path> s = Files.walk(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      List<String> hex = lines.stream().filter(l -> !l.startsWith("#")).toList();
      assertThat(hex).as(f.toString()).hasSize(1);
      assertThat(hex.get(0)).as(f.toString()).matches("[0-9a-f]+");
      byte[] bytes = HexFormat.of().parseHex(hex.get(0));
      CapturedMessage m = new CapturedMessage(0, null, null, bytes, lines.stream()
          .filter(l -> l.startsWith("#   ")).map(l -> l.substring(4)).toList());
      assertThat(m.field("bgp.type")).as(f.toString()).isEqualTo(Integer.toString(m.type()));
      assertThat(m.field("bgp.length")).as(f.toString())
          .isEqualTo(Integer.toString(bytes.length));
      String name = f.getFileName().toString();
      assertThat(name).as(f.toString()).matches("\\d\\d-(ibgp-)?"
          + MessageName.typeName(m.type()) + "(-[a-z0-9]+)*\\.hex");
      assertThat(lines).as(f.toString()).anyMatch(l -> l.startsWith("# add-path: "))
          .anyMatch(l -> l.startsWith("# sender: "));
    }
  }
}
