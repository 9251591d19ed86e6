package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML node together with its key path and the problem collector: the only
 * place besides the loader that sees snakeyaml types. Reading methods report
 * a located error and return null when the node does not fit, so callers
 * simply carry on and every mistake in the file gets reported.
 */
final class Value {
    private final org.snakeyaml.engine.v2.nodes.Node node;
    private final String path;
    private final Problems problems;

    Value(org.snakeyaml.engine.v2.nodes.Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    Position position() {
        return position(node.getStartMark());
    }

    static Position position(Optional<Mark> mark) {
        return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(Position.START);
    }

    void error(String message) {
        problems.error(position(), path, message);
    }

    void warning(String message) {
        problems.warning(position(), path, message);
    }

    /** An empty plain scalar, as in {@code key:} with nothing after it. */
    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.isPlain();
    }

    String kind() {
        if (isNull()) {
            return "no value";
        }
        return switch (node.getNodeType()) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            case SCALAR -> "the value " + InvalidValueException.quote(((ScalarNode) node).getValue());
            case ANCHOR -> "an anchor";
        };
    }

    /** The mapping's entries; an empty value counts as an empty mapping. */
    Fields fields(String expected) {
        if (isNull()) {
            return new Fields(this, List.of());
        }
        if (node instanceof MappingNode m) {
            List<Fields.Entry> entries = new ArrayList<>();
            for (var t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String key = k.getValue();
                    entries.add(new Fields.Entry(key, position(k.getStartMark()),
                            new Value(t.getValueNode(), Fields.join(path, key), problems)));
                } else {
                    problems.error(position(t.getKeyNode().getStartMark()), path,
                            "a key must be a plain word, found " + new Value(t.getKeyNode(), path, problems).kind());
                }
            }
            return new Fields(this, entries);
        }
        error("expected " + expected + ", found " + kind());
        return null;
    }

    /** The list's items; an empty value counts as an empty list. */
    List<Value> items(String expected) {
        if (isNull()) {
            return List.of();
        }
        if (node instanceof SequenceNode s) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < s.getValue().size(); i++) {
                out.add(new Value(s.getValue().get(i), path + "[" + i + "]", problems));
            }
            return out;
        }
        String hint = node instanceof ScalarNode sc ? " (write [" + sc.getValue() + "] for a list of one)" : "";
        error("expected a list of " + expected + ", found " + kind() + hint);
        return null;
    }

    /** Reads a scalar with {@code scalar}; null (after reporting) when it does not fit. */
    <T> T as(Scalar<T> scalar) {
        if (isNull()) {
            error("no value given (expected " + scalar.expected() + ")");
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            error("expected " + scalar.expected() + ", found " + kind());
            return null;
        }
        try {
            return scalar.parse().apply(s.getValue());
        } catch (InvalidValueException e) {
            error(e.getMessage());
            return null;
        }
    }

    /** Reads a list whose items are all scalars; bad items are reported and left out. */
    <T> List<T> listOf(Scalar<T> scalar) {
        List<Value> items = items(scalar.expected() + " values");
        if (items == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Value v : items) {
            T t = v.as(scalar);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
