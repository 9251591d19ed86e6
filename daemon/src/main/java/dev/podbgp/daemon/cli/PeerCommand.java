package dev.podbgp.daemon.cli;

import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.PeerAction;
import dev.podbgp.daemon.control.PeerCommandResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "peer", description = "Enable, disable or reset one peer's session.",
        subcommands = {PeerCommand.Enable.class, PeerCommand.Disable.class, PeerCommand.Reset.class})
final class PeerCommand {
    @ParentCommand
    PodbgpCommand parent;

    @Command(name = "enable", description = "Let a disabled session start again.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        private PeerCommand peer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the peer's name in the configuration")
        private String name;

        @Override
        public Integer call() {
            return send(peer, spec, new ControlRequest.PeerCommand(PeerAction.ENABLE, name, null));
        }
    }

    @Command(name = "disable", description = "Close the session (Cease, administrative shutdown) and keep it down.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        private PeerCommand peer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the peer's name in the configuration")
        private String name;

        @Option(names = "--message", paramLabel = "M", description = "shutdown message sent to the peer (RFC 8203)")
        private String message;

        @Override
        public Integer call() {
            return send(peer, spec, new ControlRequest.PeerCommand(PeerAction.DISABLE, name, message));
        }
    }

    @Command(name = "reset", description = "Close the session (Cease, administrative reset) and start it again.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        private PeerCommand peer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the peer's name in the configuration")
        private String name;

        @Option(names = "--message", paramLabel = "M", description = "shutdown message sent to the peer (RFC 8203)")
        private String message;

        @Override
        public Integer call() {
            return send(peer, spec, new ControlRequest.PeerCommand(PeerAction.RESET, name, message));
        }
    }

    private static int send(PeerCommand peer, CommandSpec spec, ControlRequest.PeerCommand request) {
        return peer.parent.run(spec.commandLine(), request,
                result -> Views.peer(ControlJson.MAPPER.treeToValue(result, PeerCommandResult.class)));
    }
}
