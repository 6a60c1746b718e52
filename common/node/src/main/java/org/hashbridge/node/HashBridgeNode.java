package org.hashbridge.node;

import org.hashbridge.node.startup.NodeHelp;
import org.hashbridge.node.startup.RequiredSettings;
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
     * A node's {@code main}: prints the settings and returns, starting nothing, when {@code args} ask for help
     * ({@code --help}, {@code -h}); starts the node otherwise.
     *
     * @param configName the side's configuration file, {@code sz-node} or {@code hk-node}
     */
    public static void main(String configName, String... args) {
        if (NodeHelp.asked(args)) {
            NodeHelp.print(configName + ".jar", System.out);
            return;
        }
        run(configName, args);
    }

    /**
     * Starts a node whose configuration is {@code hashbridge-node.yml} overlaid with
     * {@code <configName>.yml}; command-line arguments and the environment override both.
     *
     * @throws org.hashbridge.node.startup.StartRefused (possibly as the cause of another exception) when a setting is
     *                                                  missing or wrong; Spring Boot has reported it
     */
    public static ConfigurableApplicationContext run(String configName, String... args) {
        SpringApplication app = new SpringApplication(HashBridgeNode.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "hashbridge-node," + configName));
        app.addListeners(new RequiredSettings());
        return app.run(args);
    }
}
