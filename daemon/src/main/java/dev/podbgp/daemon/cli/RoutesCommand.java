package dev.podbgp.daemon.cli;

import com.fasterxml.jackson.databind.JavaType;
import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.snapshot.RouteSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "routes", description = "Loc-RIB entries with their paths and kernel state.")
final class RoutesCommand implements Callable<Integer> {
    private static final JavaType ROUTES = ControlJson.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, RouteSnapshot.class);

    @ParentCommand
    private PodbgpCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PREFIX", arity = "0..1",
            description = "a prefix (exactly that entry) or an address (every entry covering it)")
    private String prefix;

    @Override
    public Integer call() {
        return parent.run(spec.commandLine(), new ControlRequest.Routes(prefix),
                result -> Views.routes(ControlJson.MAPPER.treeToValue(result, ROUTES)));
    }
}
