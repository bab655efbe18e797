package dev.wspair.engine;

import dev.wspair.Compatibility;
import dev.wspair.WebSocketPair;

/** The contract on an in-memory pair, with every event delivered by a manual executor. */
class PairContractTest extends ContractSuite {

    private final ManualExecutor executor = new ManualExecutor();

    @Override
    protected Ends open(Compatibility compatibility) {
        WebSocketPair pair = new Engine(executor, compatibility).newPair();
        return new Ends(pair.server(), pair.client(),
                new Recorder("W", pair.server(), executor::runAll, java.time.Duration.ZERO),
                new Recorder("P", pair.client(), executor::runAll, java.time.Duration.ZERO));
    }

    @Override
    protected void dropPeer(Ends ends) {
        RealWebSocket.of(ends.p()).abandon();
    }

    @Override
    protected void settle() {
        executor.runAll();
    }
}
