package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChainTest {

    @TempDir
    Path repository;

    @Test
    void findsAnvilInTheNearestRepositoryAbove() throws IOException {
        Files.writeString(repository.resolve("package.json"), "{}");
        Path anvil = Files.createDirectories(repository.resolve("node_modules/.bin")).resolve("anvil");
        Files.createFile(anvil, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path module = Files.createDirectories(repository.resolve("common/node"));

        assertThat(LocalChain.findAnvil(module)).isEqualTo(anvil);
    }

    @Test
    void tellsToRunNpmCiWhenAnvilIsNotInstalled() throws IOException {
        Files.writeString(repository.resolve("package.json"), "{}");

        assertThatIllegalStateException().isThrownBy(() -> LocalChain.findAnvil(repository))
                .withMessageContaining("npm ci");
    }
}
