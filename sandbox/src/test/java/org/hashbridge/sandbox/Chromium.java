package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium and chromedriver ({@code apt-get install chromium chromium-driver}), found on the
 * {@code PATH}, headless. A test that needs them is skipped, saying why, on a machine without them; nothing is
 * ever downloaded. Screenshots go to {@code sandbox/target/screenshots/}.
 */
final class Chromium {

    static final Path SCREENSHOTS = SandboxExtension.repositoryRoot().resolve("sandbox/target/screenshots");

    private Chromium() {
    }

    /** A new headless browser with a window of {@code width} × {@code height}, or the test is skipped. */
    static ChromeDriver start(int width, int height) {
        Optional<Path> browser = onPath("chromium", "chromium-browser");
        Optional<Path> driver = onPath("chromedriver");
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(),
                "browser tests skipped: chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().window().setSize(new Dimension(width, height));
        return chrome;
    }

    /**
     * Clicks what leads to another page and waits, up to {@code timeout}, until the browser has left this one: the
     * element is gone from the document. Chromium's driver reports an element of a page it has left either as stale
     * or as an inspector error ("Node with given id does not belong to the document"); both mean it is gone.
     */
    static void clickAndWait(ChromeDriver chrome, WebElement element, Duration timeout) {
        element.click();
        new WebDriverWait(chrome, timeout).until(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) { // StaleElementReferenceException among them
                return true;
            }
        });
    }

    static void screenshot(ChromeDriver chrome, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) chrome).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names).flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
