package dev.wspair.example.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One chat room: its members and its last {@value #HISTORY} messages. Every method holds the
 * room's lock (sends never block), so all members see the room's messages in one order, and a
 * newcomer's history ends exactly where the messages it receives next begin.
 */
final class Room {

    static final int HISTORY = 50;

    private final Set<Member> members = new LinkedHashSet<>();
    /** The last messages, oldest first. */
    private final Deque<Protocol.Said> history = new ArrayDeque<>();
    private long lastTimestamp;

    /** Sends the history to {@code member}, then tells everyone, {@code member} too, that it joined. */
    synchronized void join(Member member) {
        history.forEach(member::send);
        members.add(member);
        broadcast(new Protocol.Joined(member.name()));
    }

    /** Tells the others that {@code member} left; nothing if it was not here. */
    synchronized void leave(Member member) {
        if (members.remove(member)) {
            broadcast(new Protocol.Quit(member.name()));
        }
    }

    /** Sends what {@code from} said to everyone, {@code from} too, and keeps it in the history. */
    synchronized void say(Member from, String message) {
        // Distinct and increasing, as in Cloudflare's demo: clients may use it to order and dedupe.
        lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        Protocol.Said said = new Protocol.Said(from.name(), message, lastTimestamp);
        history.addLast(said);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        broadcast(said);
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /** Each member's socket writes the JSON: a few hundred bytes per member, under the room's lock. */
    private void broadcast(Object message) {
        for (Member member : members) {
            member.send(message);
        }
    }
}
