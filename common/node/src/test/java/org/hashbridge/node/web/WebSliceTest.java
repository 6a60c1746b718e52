package org.hashbridge.node.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.institution.TestCallers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of one controller as the node serves it: its real security ({@code SecurityConfiguration},
 * the API key filter, {@link TestCallers} as the directory), request firewall, filters (the body size limit
 * with the bulk anchoring settings), problem handling ({@code ApiExceptionHandler}) and JSON configuration,
 * read from {@code hashbridge-node.yml}. Services are the test's doubles; nothing reaches a database or a
 * chain.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// as HashBridgeNode does: callers authenticate with API keys, there are no user accounts to generate
@WebMvcTest(properties = "spring.config.name=hashbridge-node",
        excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({TestCallers.Security.class, FirewallConfiguration.class, JsonConfiguration.class})
// the body size filter reads the bulk anchoring limit from these; a slice does not scan for property records
@EnableConfigurationProperties(AnchoringProperties.class)
public @interface WebSliceTest {

    /** The controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
