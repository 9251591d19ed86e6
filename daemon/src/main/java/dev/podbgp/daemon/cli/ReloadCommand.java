package dev.podbgp.daemon.cli;

import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.ReloadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "reload", description = "Re-read the configuration file; unaffected sessions stay up (same as SIGHUP).")
final class ReloadCommand implements Callable<Integer> {
    @ParentCommand
    private PodbgpCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return parent.run(spec.commandLine(), new ControlRequest.Reload(),
                result -> Views.reload(ControlJson.MAPPER.treeToValue(result, ReloadResult.class)));
    }
}
