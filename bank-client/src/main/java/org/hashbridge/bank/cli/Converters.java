package org.hashbridge.bank.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ValidUntil;
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

    /** An ISO-8601 instant, or a date meaning its last second (UTC), as the node reads {@code validUntil}. */
    static final class Until implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                Instant instant = value.length() == 10
                        ? LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1)
                        : Instant.parse(value);
                return ValidUntil.require(instant);
            } catch (DateTimeException | InvalidInput e) {
                throw new TypeConversionException("'" + value + "' is not a date (2027-06-30) or an instant "
                        + "(2027-06-30T12:00:00Z) from 1970 to 9999");
            }
        }
    }
}
