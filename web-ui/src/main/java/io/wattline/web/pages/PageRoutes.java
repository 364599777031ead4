package io.wattline.web.pages;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.ResourceHandlerRegistrationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The browser UI's pages at short addresses ({@code /trends}, {@code /screen}, …), each a static
 * HTML file under {@code static/} with its plain JavaScript module (no build step); the overview is
 * {@code /} ({@code index.html}). The pages read the same REST and SSE API as any other client.
 *
 * <p>The pages are read once at start; every other file the browser loads from inside a jar
 * (scripts and styles once packaged, the charting library's webjar always) is read whole and served
 * from memory: see {@link WholeFiles} for the broken download that once corrupted the next one.
 */
@Configuration(proxyBeanMethods = false)
public class PageRoutes {

    /** Every page besides the overview, by address; the navigation lists them in this order. */
    public static final List<String> PAGES = List.of("live", "trends", "consumption", "flow", "devices", "alarms",
            "screen");

    @Bean
    public RouterFunction<ServerResponse> pageRouter() {
        RouterFunctions.Builder routes = RouterFunctions.route();
        page(routes, "/", "index");
        for (String page : PAGES) {
            page(routes, "/" + page, page);
        }
        return routes.build();
    }

    /** The files under {@code /webjars/**} and {@code /**} (Spring Boot's two resource handlers), read whole. */
    @Bean
    public ResourceHandlerRegistrationCustomizer wholeFiles() {
        WholeFiles files = new WholeFiles();
        return registration -> registration.resourceChain(false).addTransformer(files);
    }

    private static void page(RouterFunctions.Builder routes, String path, String page) {
        Resource html = WholeFiles.read(new ClassPathResource("static/" + page + ".html"));
        routes.GET(path, request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache()).bodyValue(html));
    }
}
