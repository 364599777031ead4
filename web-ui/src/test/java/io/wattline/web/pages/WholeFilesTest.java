package io.wattline.web.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.resource.TransformedResource;

/** {@link WholeFiles}: what is read whole, what is kept, and within what budget. */
class WholeFilesTest {

    private static final String WEBJAR = "META-INF/resources/webjars/echarts/5.3.1/";

    @TempDir
    Path dir;

    @Test
    void aJarEntryIsReadWholeWithItsNameAndTimeAndKept() throws Exception {
        ClassPathResource entry = new ClassPathResource(WEBJAR + "dist/echarts.min.js");
        assertFalse(entry.isFile(), "the webjar's file is an entry in a jar");
        WholeFiles files = new WholeFiles();
        Resource first = whole(files, entry);
        TransformedResource read = assertInstanceOf(TransformedResource.class, first);
        try (InputStream in = entry.getInputStream()) {
            assertArrayEquals(in.readAllBytes(), read.getByteArray());
        }
        assertEquals("echarts.min.js", read.getFilename());
        assertEquals(entry.lastModified(), read.lastModified());
        assertSame(first, whole(files, entry), "kept in memory once read");
        assertEquals(read.getByteArray().length, files.cachedBytes());
    }

    @Test
    void aFileOnDiskIsPassedOnUnread() throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), "<p>hello 你好</p>");
        FileSystemResource file = new FileSystemResource(page);
        WholeFiles files = new WholeFiles();
        assertSame(file, whole(files, file));
        assertEquals(0, files.cachedBytes());
    }

    @Test
    void aFileLargerThanTheLimitOrPastTheBudgetIsReadWholeEachTimeAndNotKept() throws Exception {
        ClassPathResource license = new ClassPathResource(WEBJAR + "LICENSE");
        ClassPathResource keys = new ClassPathResource(WEBJAR + "KEYS");
        long licenseSize = license.contentLength();
        long keysSize = keys.contentLength();
        assertTrue(licenseSize > keysSize, "the LICENSE is the larger of the two");

        WholeFiles smallLimit = new WholeFiles(keysSize, Long.MAX_VALUE);
        Resource once = whole(smallLimit, license);
        assertEquals(licenseSize, once.contentLength());
        assertNotSame(once, whole(smallLimit, license), "too large to keep: read again");
        assertSame(whole(smallLimit, keys), whole(smallLimit, keys), "within the limit: kept");
        assertEquals(keysSize, smallLimit.cachedBytes());

        WholeFiles smallBudget = new WholeFiles(Long.MAX_VALUE, keysSize);
        assertSame(whole(smallBudget, keys), whole(smallBudget, keys));
        Resource past = whole(smallBudget, license);
        assertEquals(licenseSize, past.contentLength(), "past the budget it is still served whole");
        assertNotSame(past, whole(smallBudget, license));
        assertEquals(keysSize, smallBudget.cachedBytes(), "the budget holds");
    }

    @Test
    void aFileThatCannotBeReadSaysWhich() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> WholeFiles.read(new ClassPathResource("static/no-such-page.html")));
        assertTrue(e.getMessage().contains("static/no-such-page.html"), e.getMessage());
    }

    private static Resource whole(WholeFiles files, Resource resource) {
        return files.whole(resource).block(Duration.ofSeconds(30));
    }
}
