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

    /** What every peer subcommand shares: the peer's name and how the request is sent. */
    private abstract static class Action implements Callable<Integer> {
        @ParentCommand
        private PeerCommand peer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the peer's name in the configuration")
        private String name;

        abstract PeerAction action();

        /** The shutdown message, or null where the action takes none. */
        String message() {
            return null;
        }

        @Override
        public Integer call() {
            return send(peer, spec, new ControlRequest.PeerCommand(action(), name, message()));
        }
    }

    /** An action that closes the session and may tell the peer why. */
    private abstract static class Closing extends Action {
        @Option(names = "--message", paramLabel = "M", description = "shutdown message sent to the peer (RFC 8203)")
        private String message;

        @Override
        String message() {
            return message;
        }
    }

    @Command(name = "enable", description = "Let a disabled session start again.")
    static final class Enable extends Action {
        @Override
        PeerAction action() {
            return PeerAction.ENABLE;
        }
    }

    @Command(name = "disable", description = "Close the session (Cease, administrative shutdown) and keep it down.")
    static final class Disable extends Closing {
        @Override
        PeerAction action() {
            return PeerAction.DISABLE;
        }
    }

    @Command(name = "reset", description = "Close the session (Cease, administrative reset) and start it again.")
    static final class Reset extends Closing {
        @Override
        PeerAction action() {
            return PeerAction.RESET;
        }
    }

    private static int send(PeerCommand peer, CommandSpec spec, ControlRequest.PeerCommand request) {
        return peer.parent.run(spec.commandLine(), request,
                result -> Views.peer(ControlJson.MAPPER.treeToValue(result, PeerCommandResult.class)));
    }
}
