package dev.podbgp.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both formats, through a logger context of their own so the test's logging stays as it was. */
class LoggingTest {

    private static List<String> log(LogFormat format, Level level) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logging.configure(context, format, level, out);
        org.slf4j.Logger log = context.getLogger("dev.podbgp.daemon.session.Session");
        log.debug("hidden below the level");
        log.info("peer {} Established", "tor1");
        log.warn("peer {} sent NOTIFICATION \"hold timer expired\"", "node-b", new IllegalStateException("boom"));
        context.stop();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textLinesAreReadable() {
        List<String> lines = log(LogFormat.TEXT, Level.INFO);
        assertThat(lines.get(0)).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[.+] d\\.p\\.d\\.session\\.Session - peer tor1 Established");
        assertThat(lines.get(1)).endsWith("WARN  [" + Thread.currentThread().getName()
                + "] d.p.d.session.Session - peer node-b sent NOTIFICATION \"hold timer expired\"");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void jsonLinesAreOneObjectEach() throws Exception {
        List<String> lines = log(LogFormat.JSON, Level.INFO);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(lines.get(0));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo("dev.podbgp.daemon.session.Session");
        assertThat(info.get("formattedMessage").asText()).isEqualTo("peer tor1 Established");
        assertThat(info.get("timestamp").asLong()).isPositive();
        JsonNode warn = json.readTree(lines.get(1));
        assertThat(warn.get("formattedMessage").asText()).isEqualTo("peer node-b sent NOTIFICATION \"hold timer expired\"");
        assertThat(warn.get("throwable").get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    }
}
