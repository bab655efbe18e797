package dev.wspair.example.chat;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.MessageEvent;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open rooms and who is in them. {@link ChatRoute} adds members; the events of its sockets,
 * observed here, carry what they say and when they leave: a {@code close} event (a Close frame, or
 * 1006 for a lost connection) or an {@code error} event (a protocol error) ends a membership.
 *
 * <p>Events of one socket arrive one at a time; those of different sockets concurrently, hence
 * the concurrent maps and the {@link Room}'s lock. A room exists while someone is in it: its
 * history goes with its last member.
 */
@ApplicationScoped
public class Rooms {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    /** By the server end of each member's connection, the {@code target} of its events. */
    private final ConcurrentMap<WebSocket, Member> members = new ConcurrentHashMap<>();

    /** {@code socket} joins {@code room} as {@code name}: it gets the history, everyone gets the news. */
    void join(String room, String name, WebSocket socket) {
        Member member = new Member(name, room, socket);
        members.put(socket, member);
        rooms.compute(room, (key, existing) -> {
            Room joined = existing != null ? existing : new Room();
            joined.join(member);
            return joined;
        });
    }

    void onMessage(@Observes @Route(ChatRoute.PATH) MessageEvent event) {
        Member member = members.get(event.target());
        Room room = member == null ? null : rooms.get(member.room());
        if (room == null) {
            return;
        }
        try {
            room.say(member, Protocol.message(event));
        } catch (Protocol.BadMessage e) {
            member.send(new Protocol.Refused(e.getMessage()));
        }
    }

    void onClose(@Observes @Route(ChatRoute.PATH) CloseEvent event) {
        leave(event.target());
    }

    void onError(@Observes @Route(ChatRoute.PATH) ErrorEvent event) {
        leave(event.target());
    }

    private void leave(WebSocket socket) {
        Member member = members.remove(socket);
        if (member == null) {
            return;
        }
        rooms.computeIfPresent(member.room(), (key, room) -> {
            room.leave(member);
            return room.isEmpty() ? null : room;
        });
    }
}
