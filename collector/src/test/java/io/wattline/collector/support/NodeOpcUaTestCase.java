package io.wattline.collector.support;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test against the node-opcua peer starts from: node-opcua installed (or the test
 * skipped, failed under CI), and a fresh folder for the peer's PKI and the collector's data.
 */
public abstract class NodeOpcUaTestCase {

    @TempDir
    protected Path temp;

    @BeforeAll
    static void installNodeOpcUa() throws Exception {
        NodeOpcUaPeer.prepare();
    }
}
