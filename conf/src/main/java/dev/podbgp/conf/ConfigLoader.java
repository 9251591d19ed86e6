package dev.podbgp.conf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a podbgpd configuration file (YAML 1.2) into a validated
 * {@link PodbgpConfig}. Every mistake in the file is reported in one pass,
 * each with file, line, column, key path and the offending value.
 *
 * <pre>{@code
 * PodbgpConfig config = ConfigLoader.strict().load(Path.of("/etc/podbgp/podbgpd.yaml"));
 * }</pre>
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** What one reading found: the configuration when there were no errors, and any warnings. */
    public record Result(Optional<PodbgpConfig> config, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /** The configuration, or a {@link ConfigException} with every error. */
        public PodbgpConfig orThrow() throws ConfigException {
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            return config.orElseThrow();
        }
    }

    private final boolean checkFiles;

    private ConfigLoader(boolean checkFiles) {
        this.checkFiles = checkFiles;
    }

    /** For the daemon and {@code check-config}: password files must exist, be readable and hold a usable key. */
    public static ConfigLoader strict() {
        return new ConfigLoader(true);
    }

    /** For tests and for checking a file on another machine: password files are not opened. */
    public static ConfigLoader withoutFileChecks() {
        return new ConfigLoader(false);
    }

    /** Loads {@code file}; warnings are logged. Relative paths in it are resolved against its directory. */
    public PodbgpConfig load(Path file) throws ConfigException {
        Result r = check(file);
        r.warnings().forEach(w -> LOG.warn("{}", w));
        return r.orThrow();
    }

    /** Parses configuration text; {@code sourceName} names it in messages, relative paths resolve against baseDir. */
    public PodbgpConfig parse(String yaml, String sourceName, Path baseDir) throws ConfigException {
        Result r = check(yaml, sourceName, baseDir);
        r.warnings().forEach(w -> LOG.warn("{}", w));
        return r.orThrow();
    }

    /** Reads {@code file} and reports everything, without throwing: for {@code check-config}. */
    public Result check(Path file) {
        String text;
        try {
            // A strict decoder: a stray Latin-1 byte is reported, not turned into U+FFFD inside a value.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return fileProblem(file, "is not valid UTF-8 text (expected a UTF-8 YAML file)");
        } catch (IOException e) {
            return fileProblem(file, "cannot be read: " + describe(e) + " (expected a readable YAML file)");
        }
        Path dir = file.toAbsolutePath().getParent();
        return check(text, file.toString(), dir == null ? Path.of("/") : dir);
    }

    /** Parses configuration text and reports everything, without throwing. */
    public Result check(String yaml, String sourceName, Path baseDir) {
        Problems problems = new Problems(sourceName);
        ParseContext ctx = new ParseContext(problems, baseDir.toAbsolutePath(), checkFiles);
        PodbgpConfig config = null;
        Value root = compose(yaml, sourceName, problems);
        if (root != null) {
            config = new ConfigParser(ctx).parse(root);
        }
        List<ConfigProblem> errors = problems.errors();
        return new Result(errors.isEmpty() ? Optional.ofNullable(config) : Optional.empty(), errors,
                problems.warnings());
    }

    private static Value compose(String yaml, String sourceName, Problems problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setParseComments(false).build();
        try {
            Iterator<org.snakeyaml.engine.v2.nodes.Node> docs = new Compose(settings).composeAllFromString(yaml).iterator();
            if (!docs.hasNext()) {
                problems.error(Position.START, "", "the file is empty (expected at least the node section)");
                return null;
            }
            Value root = new Value(docs.next(), "", problems);
            if (docs.hasNext()) {
                Value second = new Value(docs.next(), "", problems);
                second.error("a second YAML document (expected exactly one document in the file)");
                return null;
            }
            if (root.isNull()) {
                root.error("the file is empty (expected at least the node section)");
                return null;
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Position at = Value.position(e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark());
            problems.error(at, "", syntaxMessage(e, at));
            return null;
        } catch (YamlEngineException e) {
            problems.error(Position.START, "", "YAML error: " + e.getMessage());
            return null;
        }
    }

    /**
     * snakeyaml's problem and context, reworded a little: where the construct
     * that failed began, and a hint for the two slips seen most (tabs, and an
     * unquoted IPv6 address or "::/0" inside [ ] or { }).
     */
    static String syntaxMessage(MarkedYamlEngineException e, Position at) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        if (problem.contains("\\t(TAB)")) {
            return "YAML syntax error: a tab character here (expected spaces: YAML indentation cannot use tabs)";
        }
        StringBuilder s = new StringBuilder("YAML syntax error");
        if (e.getContext() != null && !e.getContext().isBlank()) {
            s.append(' ').append(e.getContext().trim());
            Position from = e.getContextMark().map(m -> Value.position(e.getContextMark())).orElse(at);
            if (!from.equals(at)) {
                s.append(" that began at ").append(from.describe());
            }
        }
        s.append(": ").append(problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem);
        if (problem.contains("mapping values are not allowed")) {
            s.append(" (expected keys of one mapping indented alike, and quotes around a value that contains ': ')");
        } else if (problem.contains("':'")) {
            s.append(" (expected quotes around values that contain ':' inside [ ] or { }, like \"::/0 le 128\")");
        } else {
            s.append(" (expected valid YAML; check indentation and quoting around here)");
        }
        return s.toString();
    }

    private static Result fileProblem(Path file, String message) {
        ConfigProblem p = new ConfigProblem(ConfigProblem.Severity.ERROR, file.toString(), 1, 1, "",
                InvalidValueException.quote(file.toString()) + " " + message);
        return new Result(Optional.empty(), List.of(p), List.of());
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
