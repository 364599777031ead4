package io.wattline.web.load;

import io.wattline.historian.Historian;
import java.time.Duration;

/**
 * Refuses new stored input (imports, production entries) at once with 503 and the reason while the
 * store cannot take writes (the data volume below its low-space watermark, commits failing), instead
 * of letting the request hang on a full disk.
 */
public final class WriteGuard {

    private final Historian historian; // null: never refuses

    public WriteGuard(Historian historian) {
        this.historian = historian;
    }

    /** A guard that never refuses, for controllers built by hand without a historian (tests). */
    public static WriteGuard none() {
        return new WriteGuard(null);
    }

    /** @throws ServiceUnavailableException while writes are held */
    public void check(String what) {
        if (historian == null) {
            return;
        }
        historian.writesHeld().ifPresent(reason -> {
            throw new ServiceUnavailableException(historian.lowSpace() ? "low_disk_space"
                    : "store_not_writable", what + " not accepted now: " + reason
                    + " / 数据盘空间不足或存储暂不可写，暂不接受" , Duration.ofSeconds(60));
        });
    }
}
