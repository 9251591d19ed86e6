package dev.podbgp.daemon.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The HTTP endpoint on {@code metrics.listen}: {@code /metrics} (Prometheus
 * text format), {@code /healthz} (the process answers and its components run)
 * and {@code /readyz} ({@link Readiness}). 200 when fine, 503 with the reason
 * as plain text when not.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param healthy whether every component still runs (a dead FIB writer
     *                thread makes the daemon unhealthy, so it is restarted)
     */
    public static HealthServer start(InetSocketAddress listen, Metrics metrics, Readiness readiness,
                                     BooleanSupplier healthy) throws IOException {
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(healthy, "healthy");
        HttpServer server;
        try {
            server = HttpServer.create(listen, 16);
        } catch (IOException e) {
            throw new IOException("cannot listen for metrics on " + format(listen) + ": " + e.getMessage(), e);
        }
        MetricsHandler scrape = new MetricsHandler(metrics.registry());
        server.createContext("/metrics", exchange -> {
            metrics.scraping();
            scrape.handle(exchange);
        });
        server.createContext("/healthz", exchange -> {
            boolean ok = healthy.getAsBoolean();
            reply(exchange, ok ? 200 : 503, ok ? "ok\n" : "unhealthy: a component has stopped\n");
        });
        server.createContext("/readyz", exchange -> {
            Readiness.Status status = readiness.status();
            reply(exchange, status.ready() ? 200 : 503,
                    status.ready() ? "ready\n" : "not ready:\n" + String.join("\n", status.waitingFor()) + "\n");
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "podbgp-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        HealthServer started = new HealthServer(server, executor);
        LOG.info("metrics, /healthz and /readyz on http://{}/", format(started.address()));
        return started;
    }

    /** The bound address: with port 0, the port the system picked. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code 127.0.0.1:9179}, {@code [::1]:9179}: how people write a listen address. */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
