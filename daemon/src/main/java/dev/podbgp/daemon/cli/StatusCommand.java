package dev.podbgp.daemon.cli;

import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.snapshot.StatusSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "status", description = "Router ID, AS, and every peer's session state and prefix counts.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    private PodbgpCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return parent.run(spec.commandLine(), new ControlRequest.Status(),
                result -> Views.status(ControlJson.MAPPER.treeToValue(result, StatusSnapshot.class)));
    }
}
