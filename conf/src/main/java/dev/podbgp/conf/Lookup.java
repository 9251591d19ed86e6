package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the keys of a section come from: one mapping, or several layered ones
 * (a peer over its template over the global defaults).
 */
interface Lookup {
    /** The most specific value of {@code key}, or null. */
    Value get(String key);

    /** Every layer's value of {@code key}, most specific first. */
    List<Value> all(String key);

    /** Layers most specific first; null layers are skipped. */
    static Lookup layered(List<Fields> layers) {
        List<Fields> present = layers.stream().filter(f -> f != null).toList();
        return new Lookup() {
            @Override
            public Value get(String key) {
                Value first = null;
                for (Fields f : present) {
                    Value v = f.get(key); // asks every layer, so each one knows the key
                    if (first == null) {
                        first = v;
                    }
                }
                return first;
            }

            @Override
            public List<Value> all(String key) {
                List<Value> out = new ArrayList<>();
                for (Fields f : present) {
                    Value v = f.get(key);
                    if (v != null) {
                        out.add(v);
                    }
                }
                return out;
            }
        };
    }
}
