package org.hashbridge.sandbox;

/**
 * The integration tests whose nodes are processes of their own (each with its own anvil and PostgreSQL servers) run
 * one at a time, beside the tests whose nodes run in this JVM: while one waits on a process starting, a chain
 * mining or a timeout, the other has the cores.
 */
final class NodeProcesses {

    /** The lock the tests of node processes hold while they run. */
    static final String LOCK = "node processes";

    private NodeProcesses() {
    }
}
