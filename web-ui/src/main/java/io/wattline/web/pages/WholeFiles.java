package io.wattline.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.resource.ResourceTransformer;
import org.springframework.web.reactive.resource.ResourceTransformerChain;
import org.springframework.web.reactive.resource.TransformedResource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Serves the browser's files that live inside a jar (the UI's own pages and scripts once packaged,
 * the charting library's webjar always) from memory, read whole in one go.
 *
 * <p>Why: WebFlux streams a resource from its jar in pieces on a worker thread, and a download the
 * browser breaks off (every quick navigation does) closes the jar entry's stream from another
 * thread while a piece is still being inflated. The JDK then hands that entry's decompressor to the
 * next reader of the same jar while the first still uses it, and the next download fails with
 * {@code ZipException: invalid stored block lengths} (or is silently wrong): a page that never draws
 * until it is reloaded. Reading the entry whole, on one thread, before anything is written leaves
 * nothing for a cancel to race with. Files on disk (a development build's {@code target/classes})
 * are passed on unchanged: they are read without a shared decompressor.
 *
 * <p>Files up to {@value #MAX_CACHED_FILE} bytes are kept once read, up to {@value #CACHE_BUDGET}
 * bytes in all (the pages, their scripts and the few library files they load are about 1.5 MB); a
 * larger one, or one past the budget, is read whole again for each request.
 */
public final class WholeFiles implements ResourceTransformer {

    static final long MAX_CACHED_FILE = 4L << 20;
    static final long CACHE_BUDGET = 16L << 20;

    private final ConcurrentMap<String, TransformedResource> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long maxCachedFile;
    private final long budget;

    public WholeFiles() {
        this(MAX_CACHED_FILE, CACHE_BUDGET);
    }

    WholeFiles(long maxCachedFile, long budget) {
        this.maxCachedFile = maxCachedFile;
        this.budget = budget;
    }

    @Override
    public Mono<Resource> transform(ServerWebExchange exchange, Resource resource, ResourceTransformerChain chain) {
        return chain.transform(exchange, resource).flatMap(this::whole);
    }

    /** The resource itself if it is a file on disk, else its content read whole (from memory once kept). */
    Mono<Resource> whole(Resource resource) {
        if (resource.isFile()) {
            return Mono.just(resource);
        }
        String key = resource.getDescription();
        TransformedResource kept = cache.get(key);
        if (kept != null) {
            return Mono.just(kept);
        }
        return Mono.fromCallable(() -> keep(key, read(resource))).subscribeOn(Schedulers.boundedElastic());
    }

    /** How many bytes are kept in memory. */
    long cachedBytes() {
        return cachedBytes.get();
    }

    private Resource keep(String key, TransformedResource read) {
        long size = read.getByteArray().length;
        if (size > maxCachedFile) {
            return read;
        }
        if (cachedBytes.addAndGet(size) > budget) {
            cachedBytes.addAndGet(-size);
            return read;
        }
        TransformedResource earlier = cache.putIfAbsent(key, read);
        if (earlier != null) {
            cachedBytes.addAndGet(-size);
            return earlier;
        }
        return read;
    }

    /**
     * Reads a resource whole, opened and closed on the calling thread; its file name and time of last
     * change are kept (the content type and {@code Last-Modified} follow them).
     */
    public static TransformedResource read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new TransformedResource(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource.getDescription() + ": " + e.getMessage(), e);
        }
    }
}
