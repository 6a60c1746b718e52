package org.hashbridge.node.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.Digest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is.
 *
 * @param operator         short operator name, "sz" or "hk"
 * @param jurisdiction     two-letter jurisdiction code written on chain, "SZ" or "HK"
 * @param dataDirectory    where the node keeps its keys and, by default, its embedded database
 * @param digestAlgorithms the document digest algorithms this node accepts
 * @param provisioningFile optional JSON file of institutions and residents to load at start
 * @param languages        the languages the operator serves, first is the default
 * @param generateKeys     whether the node may make its receipt and subject keys in its data directory when
 *                         {@code hashbridge.receipts.key-store} is unset: for the sandbox and tests
 */
@Validated
@ConfigurationProperties("hashbridge.node")
public record NodeProperties(
        @NotBlank @Pattern(regexp = "[a-z]{2,8}") String operator,
        @NotBlank @Pattern(regexp = "[A-Z]{2}") String jurisdiction,
        Path dataDirectory,
        List<String> digestAlgorithms,
        Path provisioningFile,
        List<String> languages,
        boolean generateKeys) {

    /** A node that makes no keys of its own. */
    public NodeProperties(String operator, String jurisdiction, Path dataDirectory, List<String> digestAlgorithms,
                          Path provisioningFile, List<String> languages) {
        this(operator, jurisdiction, dataDirectory, digestAlgorithms, provisioningFile, languages, false);
    }

    /**
     * The digest, once this node's profile accepts its algorithm.
     *
     * @throws NodeException {@code ALGORITHM_NOT_ACCEPTED} otherwise
     */
    public Digest accepted(Digest digest) {
        if (!digestAlgorithms.contains(digest.algorithm().id())) {
            throw NodeException.algorithmNotAccepted(digest.algorithm().id());
        }
        return digest;
    }

    @ConstructorBinding
    public NodeProperties {
        dataDirectory = dataDirectory == null ? Path.of(".hashbridge", operator == null ? "node" : operator) : dataDirectory;
        digestAlgorithms = digestAlgorithms == null || digestAlgorithms.isEmpty()
                ? List.of("sha-256", "sm3") : List.copyOf(digestAlgorithms);
        languages = languages == null || languages.isEmpty() ? List.of("en") : List.copyOf(languages);
    }
}
