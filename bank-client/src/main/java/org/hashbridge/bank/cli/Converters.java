package org.hashbridge.bank.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.InvalidInput;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values that need more than picocli's built-in conversion. */
final class Converters {

    private Converters() {
    }

    /** {@code sha-256} or {@code sm3}, the protocol names. */
    static final class Algorithm implements ITypeConverter<DigestAlgorithm> {
        @Override
        public DigestAlgorithm convert(String value) {
            try {
                return DigestAlgorithm.of(value);
            } catch (InvalidInput e) {
                throw new TypeConversionException("'" + value + "' is not a digest algorithm; use sha-256 or sm3");
            }
        }
    }

    /** An absolute http or https URI with a host, such as {@code https://sz-node.example}. */
    static final class NodeUri implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw notANodeUrl(value);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw notANodeUrl(value);
            }
            return uri;
        }

        private static TypeConversionException notANodeUrl(String value) {
            return new TypeConversionException("'" + value + "' is not a node URL such as https://sz-node.example");
        }
    }
}
