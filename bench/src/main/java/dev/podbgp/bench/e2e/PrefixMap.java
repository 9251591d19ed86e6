package dev.podbgp.bench.e2e;

import java.util.Arrays;

/**
 * Open-addressing map from a non-negative {@code long} key to a small {@code int} value, with
 * linear probing and backward-shift deletion. The monitor holds a million routes in two flat
 * arrays instead of a million boxed entries, so its own garbage does not slow the measurement.
 * Not thread-safe.
 */
final class PrefixMap {
  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  PrefixMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new int[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or -1 when absent. */
  int get(long key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == EMPTY) {
        return -1;
      }
      if (k == key) {
        return values[i];
      }
    }
  }

  /** Sets {@code key} to {@code value} (&gt;= 0); returns the previous value or -1. */
  int put(long key, int value) {
    if (key < 0 || value < 0) {
      throw new IllegalArgumentException("negative key " + key + " or value " + value);
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return -1;
      }
      if (k == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
    }
  }

  /** Removes {@code key}; returns its value or -1 when it was absent. */
  int remove(long key) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == EMPTY) {
        return -1;
      }
      if (k == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    int old = values[i];
    // Backward shift: pull later entries of the probe run into the hole so lookups stay correct.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    size--;
    return old;
  }

  /** Calls {@code visitor} for every entry. */
  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  interface Visitor {
    void visit(long key, int value);
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new int[keys.length];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
