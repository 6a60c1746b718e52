package org.hashbridge.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentHasherTest {

    @TempDir
    Path dir;

    @Test
    void rawHashingIsTheDigestOfTheFilesBytes() throws IOException {
        Path empty = Fixtures.write(dir, "empty", new byte[0]);

        assertThat(DocumentHasher.raw(DigestAlgorithm.SHA_256).hash(empty).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(DocumentHasher.raw(DigestAlgorithm.SM3).hash(empty).algorithm()).isEqualTo(DigestAlgorithm.SM3);
    }

    @Test
    void rawHashingReadsAFileOfManyBuffersToItsLastByte() throws IOException {
        // three buffers and a bit: a read loop that dropped a partial buffer, or the last one, gets another digest
        byte[] content = new byte[3 * 256 * 1024 + 7];
        new java.util.Random(42).nextBytes(content);
        Path large = Fixtures.write(dir, "large", content);

        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            assertThat(DocumentHasher.raw(algorithm).hash(large)).isEqualTo(algorithm.digest(content));
        }
    }

    @Test
    void canonicalHashingSortsKeysAndDropsWhitespace() throws IOException {
        Path pretty = Fixtures.write(dir, "a.json", "{ \"b\" : 2,\n \"a\" : [1, 2.50] }");

        assertThat(DocumentHasher.canonicalJson(DigestAlgorithm.SHA_256).hash(pretty))
                .isEqualTo(DigestAlgorithm.SHA_256.digest("{\"a\":[1,2.5],\"b\":2}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void canonicalHashingRefusesWhatIsNotJson() throws IOException {
        Path pdf = Fixtures.write(dir, "report.pdf", Fixtures.creditReport());

        assertThatThrownBy(() -> DocumentHasher.canonicalJson(DigestAlgorithm.SHA_256).hash(pdf))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_JSON"));
    }
}
