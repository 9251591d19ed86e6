package dev.podbgp.conf;

/** A place in the file, line and column counted from 1. */
record Position(int line, int column) {
    static final Position START = new Position(1, 1);

    String describe() {
        return "line " + line + ", column " + column;
    }
}
