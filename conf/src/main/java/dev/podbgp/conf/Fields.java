package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one YAML mapping. Callers ask for the keys they know; whatever
 * is left at {@link #finish()} is an unknown key and is reported with the
 * closest known key as a suggestion. Duplicate keys are reported here too,
 * because the composer keeps both and plain YAML loaders silently take the last.
 */
final class Fields implements Lookup {
    record Entry(String key, Position keyPosition, Value value) {
    }

    private final Value map;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> handled = new LinkedHashSet<>();

    /** Keys that belong one level down; writing them flat is a common slip worth naming. */
    private static final Map<String, String> NESTED = Map.ofEntries(
            Map.entry("holdTime", "timers"), Map.entry("keepalive", "timers"), Map.entry("connectRetry", "timers"),
            Map.entry("restartTime", "gracefulRestart"), Map.entry("staleRoutesTime", "gracefulRestart"),
            Map.entry("deferralTime", "gracefulRestart"), Map.entry("clusterId", "routeReflector"),
            Map.entry("maxPaths", "ecmp"), Map.entry("asPathRelax", "ecmp"), Map.entry("localPref", "set"),
            Map.entry("med", "set"), Map.entry("addCommunities", "set"), Map.entry("asPathPrepend", "set"),
            Map.entry("restartAfter", "maxPrefixes"), Map.entry("socket", "control"));

    Fields(Value map, List<Entry> list) {
        this.map = map;
        for (Entry e : list) {
            Entry first = entries.putIfAbsent(e.key(), e);
            if (first != null) {
                map.problems().error(e.keyPosition(), join(map.path(), e.key()),
                        "duplicate key (first given at " + first.keyPosition().describe() + "; expected each key once)");
            }
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Value map() {
        return map;
    }

    /** The value of {@code key}, or null when absent. Declares the key as known. */
    @Override
    public Value get(String key) {
        known.add(key);
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    @Override
    public List<Value> all(String key) {
        Value v = get(key);
        return v == null ? List.of() : List.of(v);
    }

    /** Marks a key as dealt with (already reported) without offering it as a suggestion. */
    void handled(String key) {
        handled.add(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Position keyPosition(String key) {
        return entries.get(key).keyPosition();
    }

    /** The value of a required key; a missing one is reported at the mapping. */
    Value required(String key, String expected) {
        Value v = get(key);
        if (v == null) {
            map.problems().error(map.position(), join(map.path(), key),
                    "required key is missing (expected " + expected + ")");
        }
        return v;
    }

    /** Keys present in the file, in file order. */
    Set<String> keys() {
        return entries.keySet();
    }

    /** Reports every key nobody asked for. */
    void finish() {
        for (Entry e : entries.values()) {
            if (!known.contains(e.key()) && !handled.contains(e.key())) {
                map.problems().error(e.keyPosition(), join(map.path(), e.key()), unknownKeyMessage(e.key(), known));
            }
        }
    }

    static String unknownKeyMessage(String key, Set<String> known) {
        if (key.equals("<<")) {
            return "merge keys (<<) are YAML 1.1, not 1.2 (expected the keys written out, or peerTemplates for shared"
                    + " peer settings)";
        }
        String suggestion = Suggest.closest(key, known);
        if (suggestion != null) {
            return "unknown key " + InvalidValueException.quote(key) + " (did you mean \"" + suggestion + "\"?)";
        }
        String parent = NESTED.get(key);
        if (parent != null && known.contains(parent)) {
            return "unknown key " + InvalidValueException.quote(key) + " here (did you mean " + parent + ": {" + key
                    + ": ...}?)";
        }
        List<String> sorted = new ArrayList<>(known);
        sorted.sort(Comparator.naturalOrder());
        return "unknown key " + InvalidValueException.quote(key) + " (expected one of: " + String.join(", ", sorted) + ")";
    }
}
