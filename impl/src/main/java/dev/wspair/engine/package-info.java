/**
 * The engine: workerd's WebSocket state machine ({@link dev.wspair.engine.RealWebSocket}), its
 * serial inbound queue, its outbound queue and the in-memory pair. It depends on {@code java.*}
 * and the API only; the bridge, CDI, the client and the runtimes depend on it (checked by
 * {@code PackageGraphTest}).
 *
 * <h2>The concurrency contract</h2>
 * <p>For applications: all events of one socket are delivered serially, in order, never
 * concurrently; {@code send()} and {@code close()} may be called from any thread and never block.
 *
 * <p>Inside, one lock rule: <b>decide under the socket's lock, act after releasing it.</b> A
 * transition (accept, send, close, a received frame) checks and changes the socket's fields under
 * {@code synchronized (socket)}; the only thing it does to the outside world there is to put a
 * frame in order on its {@link dev.wspair.engine.Transport} with {@code write}, which only queues.
 * What the transition causes runs after the lock is released: {@code Transport.flush()} hands the
 * frames to the connection (a container write may complete on the same thread and call back into
 * the socket), {@code Transport.release()} ends the connection (a container's blocking
 * {@code Session.close()}), and events go to listeners from the inbound queue. So no container
 * call, no listener and no blocking call ever runs while a socket's lock is held, and a callback
 * into the socket on the same thread never finds the lock taken by its caller. A socket never
 * holds two socket locks, except {@code coupleTo} (the other end's, then its own), which calls no
 * transport but {@code attach} and {@code transfer} there. {@code LockDisciplineTest} and
 * {@code BridgedStressTest} check the rule.
 */
package dev.wspair.engine;
