package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.ConfigProblem;
import dev.podbgp.conf.PodbgpConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code podbgpd check-config FILE}: every error and warning, one per line; exit 1 when there are errors. */
@Command(name = "check-config", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Validate a configuration file without starting the daemon.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the file is valid (warnings may be printed)", "1:the file has errors",
            "2:wrong command line"})
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "configuration file (YAML)")
    private Path file;

    @CommandLine.Option(names = "--no-file-checks",
            description = "do not open password files (to check a file meant for another machine)")
    private boolean noFileChecks;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoader loader = noFileChecks ? ConfigLoader.withoutFileChecks() : ConfigLoader.strict();
        ConfigLoader.Result result = loader.check(file);
        result.errors().stream().sorted(ConfigProblem.BY_POSITION).forEach(err::println);
        result.warnings().stream().sorted(ConfigProblem.BY_POSITION).forEach(err::println);
        if (!result.errors().isEmpty()) {
            err.printf("%s: %d error%s%n", file, result.errors().size(), result.errors().size() == 1 ? "" : "s");
            err.flush();
            return 1;
        }
        PodbgpConfig config = result.config().orElseThrow();
        out.printf("%s: OK, node %s (AS %d), %d session%s%n", file, config.node().name(), config.node().asn(),
                config.sessions().size(), config.sessions().size() == 1 ? "" : "s");
        out.flush();
        err.flush();
        return 0;
    }
}
