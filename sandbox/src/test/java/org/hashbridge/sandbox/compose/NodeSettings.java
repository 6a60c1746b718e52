package org.hashbridge.sandbox.compose;

import jakarta.validation.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The settings a node service of docker-compose.yml starts with, bound as the node binds them: its environment
 * (relaxed, {@code HASHBRIDGE_CHAIN_RPC_URL}), the files of the config trees it imports (its secrets and the
 * files the one-shot services write into a mounted directory, by name only: their content is made at run time),
 * then its packaged YAML.
 */
final class NodeSettings {

    /**
     * What a node needs from its deployment whatever its records say (i9-shared.md): each entry is one setting,
     * or alternatives separated by {@code |}.
     */
    static final List<String> REQUIRED = List.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "hashbridge.chain.rpc-url", "hashbridge.chain.chain-id", "hashbridge.chain.registry-address",
            "hashbridge.chain.operator-key-file",
            "hashbridge.chain.operator-key-password|hashbridge.chain.operator-key-password-file",
            "hashbridge.receipts.key-store",
            "hashbridge.receipts.key-store-password|hashbridge.receipts.key-store-password-file");

    /**
     * What a setting read from a file is bound to here: its content is made at run time. An address, which
     * passes for any of them (a password, the registry's address).
     */
    private static final String FROM_A_FILE = "0x00000000000000000000000000000000000000a1";

    private final Binder binder;

    private NodeSettings(List<PropertySource<?>> sources) {
        this.binder = new Binder(ConfigurationPropertySources.from(sources), null,
                ApplicationConversionService.getSharedInstance());
    }

    static NodeSettings of(Compose compose, Deployment deployment, String service) {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(compose.environment(service))));
        sources.add(new MapPropertySource("config trees", configTrees(compose, deployment, service)));
        sources.addAll(Deployment.packagedSettings(service.replace("-node", "")));
        return new NodeSettings(sources);
    }

    /** Every file of the directories {@code SPRING_CONFIG_IMPORT} names as a config tree, as a setting. */
    private static Map<String, Object> configTrees(Compose compose, Deployment deployment, String service) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String imports = compose.environment(service).getOrDefault("SPRING_CONFIG_IMPORT", "");
        for (String location : imports.split(",")) {
            String directory = location.strip().replaceFirst("^optional:", "");
            if (!directory.startsWith("configtree:")) {
                continue;
            }
            String tree = directory.substring("configtree:".length()).replaceAll("/$", "");
            for (Compose.Mount mount : compose.hostMounts(service)) {
                if (mount.target().startsWith(tree + "/")) {
                    settings.put(mount.target().substring(tree.length() + 1), FROM_A_FILE);
                } else if (mount.target().equals(tree)) {
                    String source = ComposeRules.generatedPath(mount.source()) + "/";
                    deployment.generatedFiles().stream().filter(g -> g.path().startsWith(source) && !g.directory())
                            .forEach(g -> settings.put(g.path().substring(source.length()), FROM_A_FILE));
                }
            }
        }
        return settings;
    }

    /** The required settings this node is not given, each named as the node's documentation names it. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED) {
            if (Arrays.stream(required.split("\\|")).noneMatch(name -> binder.bind(name, String.class).isBound())) {
                missing.add(required.replace("|", " or "));
            }
        }
        return missing;
    }

    /**
     * Binds every {@code @ConfigurationProperties} record of the node with its validation, as the node does at
     * start: a record that refuses what it is given (a required value missing, a value of the wrong type) is
     * named with the reason.
     */
    List<String> refusedRecords() {
        var validator = new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> refused = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.hashbridge.node")) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            try {
                binder.bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(validator));
            } catch (BindException e) {
                refused.add(prefix + ": " + rootCause(e).getMessage());
            }
        }
        return refused;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
