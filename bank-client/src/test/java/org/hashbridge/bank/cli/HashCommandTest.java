package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hashbridge.bank.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {

    @TempDir
    Path dir;

    @Test
    void sha256OfAbcIsTheFips180Vector() throws IOException {
        Path abc = Fixtures.write(dir, "abc.txt", "abc");

        CliRun run = CliRun.of("hash", abc.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void sm3OfAbcIsTheGbt32905Vector() throws IOException {
        Path abc = Fixtures.write(dir, "abc.txt", "abc");

        CliRun run = CliRun.of("hash", abc.toString(), "--algorithm", "sm3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfTheSixtyFourByteMessageIsTheGbt32905Vector() throws IOException {
        Path file = Fixtures.write(dir, "abcd.txt", "abcd".repeat(16));

        CliRun run = CliRun.of("hash", "--algorithm", "SM3", file.toString());

        assertThat(run.out().strip()).isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void aMillionAsStreamThroughManyBuffersToTheFips180Vector() throws IOException {
        Path file = Fixtures.write(dir, "a.bin", "a".repeat(1_000_000));

        CliRun run = CliRun.of("hash", file.toString(), "--algorithm", "sha-256");

        assertThat(run.out().strip()).isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void canonicalJsonIgnoresWhitespaceAndKeyOrder() throws IOException {
        Path compact = Fixtures.write(dir, "compact.json", "{\"score\":712,\"subject\":{\"b\":[1,2],\"a\":\"x\"}}");
        Path pretty = Fixtures.write(dir, "pretty.json", "{\n  \"subject\" : { \"a\" : \"x\", \"b\" : [ 1, 2 ] },\n"
                + "  \"score\" : 712\n}\n");

        CliRun first = CliRun.of("hash", "--canonical-json", compact.toString());
        CliRun second = CliRun.of("hash", "--canonical-json", pretty.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out().strip()).isEqualTo(sha256("{\"score\":712,\"subject\":{\"a\":\"x\",\"b\":[1,2]}}"));
        assertThat(CliRun.of("hash", pretty.toString()).out()).isNotEqualTo(first.out());
    }

    @Test
    void canonicalJsonRefusesAFileThatIsNotJson() throws IOException {
        Path text = Fixtures.write(dir, "report.txt", "not { json");

        CliRun run = CliRun.of("hash", "--canonical-json", text.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("INVALID_JSON:").doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsAUsageErrorWithoutStackTrace() {
        CliRun run = CliRun.of("hash", dir.resolve("nowhere.pdf").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read the document", "nowhere.pdf", "no such file")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownAlgorithmIsAUsageError() throws IOException {
        Path abc = Fixtures.write(dir, "abc.txt", "abc");

        CliRun run = CliRun.of("hash", abc.toString(), "--algorithm", "md5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'md5' is not a digest algorithm");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: hashbridge-bank", "verify-receipt", "Exit codes:");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
