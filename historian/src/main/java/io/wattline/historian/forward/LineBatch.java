package io.wattline.historian.forward;

import java.util.List;

/**
 * Lines ready to send: the lines themselves (to split a refused request) and the request body a
 * {@link LineWriter} prepared from them (for InfluxDB: gzip-compressed), built off the sending thread.
 */
public record LineBatch(List<String> lines, byte[] body) {
}
