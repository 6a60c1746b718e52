package org.hashbridge.node.database;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Empties the tables after each test, once its transaction is rolled back: tests that commit on purpose
 * leave nothing to the next one, as the shared database and context would otherwise let them.
 */
class EmptyTables implements TestExecutionListener, Ordered {

    /** After callbacks run in reverse order: below the transaction listener's 4000, this one runs after it. */
    @Override
    public int getOrder() {
        return 3900;
    }

    @Override
    public void afterTestMethod(TestContext context) {
        context.getApplicationContext().getBean(Rows.class).deleteAll();
    }
}
