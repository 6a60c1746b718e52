package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashbridge.bank.AnchorItem;
import org.hashbridge.protocol.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFileTest {

    private static final String DIGEST = "36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc";

    @TempDir
    Path dir;

    @Test
    void filesAreHashedRelativeToTheBatchFileAndDigestsTakenAsWritten() throws IOException {
        Files.createDirectories(dir.resolve("reports"));
        byte[] report = "credit report of HK-A1234567, score 712\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("reports/a.txt"), report);
        Path batch = csv("\uFEFFvalidUntil,reference,file,digest,documentType,subject,algorithm",
                "2027-06-30, TU-1 ,reports/a.txt,,credit-report,HK-A1234567,",
                "",
                "2027-06-30T23:59:59Z,\"TU-2, second\",,\"" + DIGEST.toUpperCase() + "\",credit-report,HK-B7654321,sm3");

        List<AnchorItem> items = items(batch);

        assertThat(items).extracting(AnchorItem::reference).containsExactly("TU-1", "TU-2, second");
        assertThat(items.get(0).digest()).isEqualTo(DigestAlgorithm.SHA_256.digest(report));
        assertThat(items.get(1).digest().hex()).isEqualTo(DIGEST);
        assertThat(items.get(1).digest().algorithm()).isEqualTo(DigestAlgorithm.SM3);
        assertThat(items.get(1).validUntil()).isEqualTo("2027-06-30T23:59:59Z");
        assertThat(BatchFile.read(batch)).extracting(BatchFile.Line::row).as("the blank line is skipped").containsExactly(2, 4);
    }

    @Test
    void everyRowThatCannotBeUsedIsNamedAtOnce() throws IOException {
        Path batch = csv("reference,file,digest,documentType,subject,validUntil",
                "TU-1,missing.pdf,,credit-report,HK-A1234567,2027-06-30",
                "TU-2,,abc,credit-report,HK-A1234567,2027-06-30",
                "TU-1,," + DIGEST + ",credit-report,HK-A1234567,2027-06-30",
                "\"TU-\u00074\",," + DIGEST + ",credit-report,HK-A1234567,2027-06-30",
                "TU-5,a.pdf," + DIGEST + ",credit-report,HK-A1234567,2027-06-30",
                "TU-6,," + DIGEST + ",credit-report,,2027-06-30",
                "TU-7,," + DIGEST + ",credit-report,HK-A1234567");

        assertThatThrownBy(() -> items(batch)).isInstanceOf(UnusableInput.class)
                .hasMessageContaining("7 rows")
                .hasMessageContaining("row 2: cannot read the document").hasMessageContaining("no such file")
                .hasMessageContaining("row 3: INVALID_DIGEST")
                .hasMessageContaining("row 4: the same reference as row 2")
                .hasMessageContaining("row 5: INVALID_REFERENCE")
                .hasMessageContaining("row 6: give either file or digest")
                .hasMessageContaining("row 7: subject is empty")
                .hasMessageContaining("row 8: validUntil is empty");
    }

    @Test
    void theHeaderMustNameTheColumnsAnItemNeeds() throws IOException {
        assertThatThrownBy(() -> BatchFile.read(csv("reference,digest,documentType,subject", "TU-1," + DIGEST + ",x,y")))
                .isInstanceOf(UnusableInput.class).hasMessageContaining("needs");
        assertThatThrownBy(() -> BatchFile.read(csv("reference,documentType,subject,validUntil", "TU-1,x,y,2027-01-01")))
                .as("neither file nor digest").isInstanceOf(UnusableInput.class);
        assertThatThrownBy(() -> BatchFile.read(csv("reference,digest,documentType,subject,validUntil,colour",
                "TU-1," + DIGEST + ",x,y,2027-01-01,red"))).isInstanceOf(UnusableInput.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> BatchFile.read(csv("reference,digest,documentType,subject,validUntil")))
                .isInstanceOf(UnusableInput.class).hasMessageContaining("holds no documents");
        assertThatThrownBy(() -> BatchFile.read(csv("reference,digest,documentType,subject,validUntil",
                "TU-1," + DIGEST + ",x,y,2027-01-01,one too many"))).isInstanceOf(UnusableInput.class)
                .hasMessageContaining("row 2");
        assertThatThrownBy(() -> BatchFile.read(dir.resolve("absent.csv"))).isInstanceOf(UnusableInput.class)
                .hasMessageContaining("no such file");
    }

    private List<AnchorItem> items(Path batch) {
        List<Integer> progress = new ArrayList<>();
        List<BatchFile.Line> lines = BatchFile.read(batch);
        List<AnchorItem> items = BatchFile.items(batch, lines, DigestAlgorithm.SHA_256, false, () -> progress.add(1));
        assertThat(progress).hasSize(lines.size());
        return items;
    }

    private Path csv(String... lines) throws IOException {
        return Files.writeString(dir.resolve("batch.csv"), String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    }
}
