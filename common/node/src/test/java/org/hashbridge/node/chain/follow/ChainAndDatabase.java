package org.hashbridge.node.chain.follow;

import org.hashbridge.node.chain.TestRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh anvil with the registry ({@link TestRegistry}) and a PostgreSQL server ({@link TestDatabase}) for
 * all the tests of a class: register it as a static {@code @RegisterExtension} field.
 */
final class ChainAndDatabase implements BeforeAllCallback, AfterAllCallback {

    TestRegistry registry;
    TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = TestRegistry.start();
        database = TestDatabase.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
        registry.close();
    }
}
