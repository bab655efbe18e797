package dev.wspair.objects;

/**
 * What the objects of one class amount to on this node now, counted when asked (a metrics scrape):
 * nothing is kept up to date per event. The objects that moved to another node count nowhere here.
 */
public interface ObjectCensus {

    /** The object class's name (its namespace). */
    String className();

    /** Objects whose instance is in memory. */
    int active();

    /** Objects whose instance was dropped (hibernation) while some of their sockets stay connected. */
    int hibernated();

    /** The sockets the objects accepted with {@code ctx.acceptWebSocket} that have not ended yet. */
    int sockets();
}
