package org.hashbridge.node.admin;

/** What an operator's username may be: short, lower-case, printable, so it can be shown and logged as is. */
final class Username {

    static final String PATTERN = "[a-z][a-z0-9._-]{1,63}";

    private Username() {
    }

    static boolean valid(String username) {
        return username != null && username.matches(PATTERN);
    }
}
