package dev.wspair.bridge;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.ContractSuite;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract through the bridge over real TCP: W is the server end inside the embedded runtime
 * (Tyrus), P a remote socket on a Tyrus client session. Scenarios the container cannot show are
 * skipped here and asserted as they are in {@link ContainerDifferencesTest}.
 */
class BridgeContractTest extends ContractSuite {

    private static BridgeHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new BridgeHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Override
    protected Ends open(Compatibility compatibility) {
        try {
            WebSocket[] ends = harness.connect(compatibility);
            return new Ends(ends[0], ends[1], new Recorder("W", ends[0], () -> { }, Timeouts.EVENT),
                    new Recorder("P", ends[1], () -> { }, Timeouts.EVENT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void dropPeer(Ends ends) {
        harness.cut();
    }

    @Override
    protected void settle() {
        harness.settle();
    }

    @Override
    protected boolean sameTurn() {
        return false;
    }

    @Override
    protected boolean truncatesReasonsOverTheLimit() {
        return true;
    }

    @Override
    protected boolean dropsConnectionWithoutClose() {
        return false;
    }
}
