package dev.podbgp.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.conf.Control;
import dev.podbgp.daemon.Version;
import dev.podbgp.daemon.control.ControlClient;
import dev.podbgp.daemon.control.ControlClientException;
import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.ControlResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code podbgp}: ask a running podbgpd over its control socket. */
@Command(name = "podbgp", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Query and control a running podbgpd over its control socket.",
        subcommands = {StatusCommand.class, RoutesCommand.class, PeerCommand.class, ReloadCommand.class,
            DemoCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:podbgpd refused the request (the error is printed)",
            "2:wrong command line", "3:podbgpd could not be reached"})
public final class PodbgpCommand {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_UNREACHABLE = 3;

    @Option(names = "--socket", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "podbgpd's control socket (default: ${DEFAULT-VALUE})")
    Path socket = Control.DEFAULT_SOCKET;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the answer as JSON")
    boolean json;

    public static CommandLine commandLine() {
        return new CommandLine(new PodbgpCommand());
    }

    /** Asks podbgpd and prints the answer; the subcommands only say what to ask and how to show it. */
    int run(CommandLine cmd, ControlRequest request, TextView view) {
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        ControlResponse response;
        try {
            response = new ControlClient(socket).send(request);
        } catch (ControlClientException e) {
            err.println("podbgp: " + e.getMessage());
            err.flush();
            return EXIT_UNREACHABLE;
        }
        if (!response.ok()) {
            err.println("podbgp: " + response.error());
            err.flush();
            return EXIT_REFUSED;
        }
        try {
            out.print(json ? ControlJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(response.result())
                    + "\n" : view.render(response.result()));
        } catch (JsonProcessingException e) {
            err.println("podbgp: podbgpd's answer does not match this client (different versions?): "
                    + e.getOriginalMessage());
            err.flush();
            return EXIT_REFUSED;
        }
        out.flush();
        return 0;
    }

    /** Renders a result as text for a person. */
    @FunctionalInterface
    interface TextView {
        String render(JsonNode result) throws JsonProcessingException;
    }
}
