package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocketPair;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** The contract on an in-memory pair whose events run on a real pool, concurrently with the test. */
class PairOnThreadsContractTest extends ContractSuite {

    private final ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Override
    protected Ends open(Compatibility compatibility) {
        WebSocketPair pair = new Engine(pool, compatibility).newPair();
        return new Ends(pair.server(), pair.client(),
                new Recorder("W", pair.server(), () -> { }, Timeouts.EVENT),
                new Recorder("P", pair.client(), () -> { }, Timeouts.EVENT));
    }

    @Override
    protected void dropPeer(Ends ends) {
        RealWebSocket.of(ends.p()).abandon();
    }

    @Override
    protected void settle() {
        assertTrue(pool.awaitQuiescence(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "events still running");
    }

    /** Two calls from the test thread may interleave with delivery on the pool. */
    @Override
    protected boolean sameTurn() {
        return false;
    }
}
