package org.hashbridge.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The HashBridge operator node. Shenzhen and Hong Kong run this same application; each side's module
 * only names its configuration file ({@code sz-node.yml}, {@code hk-node.yml}), read on top of the
 * shared {@code hashbridge-node.yml}.
 */
// Callers authenticate with API keys (institution package); there are no user accounts to generate.
@SpringBootApplication(excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
@EnableScheduling
public class HashBridgeNode {

    /**
     * Starts a node whose configuration is {@code hashbridge-node.yml} overlaid with
     * {@code <configName>.yml}; command-line arguments and the environment override both.
     */
    public static ConfigurableApplicationContext run(String configName, String... args) {
        SpringApplication app = new SpringApplication(HashBridgeNode.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "hashbridge-node," + configName));
        return app.run(args);
    }
}
