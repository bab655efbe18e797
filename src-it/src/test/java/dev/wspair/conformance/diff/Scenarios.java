package dev.wspair.conformance.diff;

import static dev.wspair.conformance.diff.Driver.cmdFrame;
import static dev.wspair.conformance.diff.Driver.op;
import static dev.wspair.conformance.diff.RawWebSocketClient.binaryFrame;
import static dev.wspair.conformance.diff.RawWebSocketClient.closeFrame;
import static dev.wspair.conformance.diff.RawWebSocketClient.textFrame;

import dev.wspair.conformance.diff.Scenario.Facts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenario catalog. Names are stable: reports and the registry of documented differences refer
 * to them. Each scenario's {@code summary} says what it checks; {@code spec} adds where the
 * expected behaviour was taken from, as section marks of the project's notes on workerd, which are
 * not part of this repository. Read them as follows:
 * <ul>
 * <li>{@code §5 #N}: scenario N of the numbered catalogue that {@code ContractSuite} (impl's tests;
 *     its display names start with the number) and {@code ClientTest} (32-38) implement;
 * <li>{@code §2.2 A}, {@code B}, {@code E}: rows of the closing-handshake table: A, the peer (the
 *     socket under test) closes first; B, the client closes first; E, a close code the client
 *     sends (kj does not validate received codes); {@code (HALF)}: the same with allowHalfOpen;
 * <li>other {@code §} marks: workerd's source as read for the notes ({@code §1.2} send()'s checks,
 *     {@code §3} event order, {@code §4} messages: sizes, fragments, ping/pong, UTF-8, send()'s
 *     coercion; {@code §6.1} close()'s arguments);
 * <li>{@code observed}: what workerd 1.20261117.1 did when the scenario was run against it
 *     ({@code §4}: the frames on the wire; {@code #N}: scenario N);
 * <li>{@code protocol '...'}: a rule of the peer protocol (the header of
 *     {@code src-it/workerd/peer.js}).
 * </ul>
 *
 * <p>Scenarios that must end with an open connection end with a client-initiated
 * {@code Close(1000,"end")}, so that the peer's own close (which differs on Tyrus, see D9) only
 * shows up where it is under test.
 */
public final class Scenarios {

    private Scenarios() {
    }

    private static final String A123 = "a".repeat(123);
    private static final String A124 = "a".repeat(124);
    private static final String E62 = "\u00e9".repeat(62); // 124 UTF-8 bytes
    private static final String EURO41 = "\u20ac".repeat(41); // 123 UTF-8 bytes

    public static List<Scenario> all() {
        List<Scenario> list = new ArrayList<>();

        // ------------------------------------------------------------ close initiated by the peer
        list.add(Scenario.named("peer-close-1000-bye").spec("§5 #8, §2.2 A")
                .summary("peer close(1000,\"bye\"); the client echoes the Close")
                .facts(Facts.peerCloses(1000, "bye")).script(d -> {
                    d.peerClose(1000, "bye");
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-4001-code-only").spec("§5 #16")
                .summary("peer close(4001): a 2-byte Close body; the client echoes it")
                .facts(Facts.peerCloses(4001, "")).script(d -> {
                    d.peerClose(4001);
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-no-args").spec("§5 #15")
                .summary("peer close(): a Close with an empty body; the client echoes an empty body")
                .facts(Facts.peerCloses(1005, "")).script(d -> {
                    d.peerClose();
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-reply-other-code").spec("§2.2 A, observed §4")
                .summary("peer close(4001,\"r\"); the client answers Close(4100,\"reply\")")
                .facts(Facts.peerCloses(4001, "r")).script(d -> {
                    d.peerClose(4001, "r");
                    d.awaitClose();
                    d.reply(4100, "reply");
                }));
        list.add(Scenario.named("peer-close-data-before-reply").spec("§2.2 A, observed §4")
                .summary("peer close(1000,\"bye\"); the client sends \"late\" before its echo (message at rs 2, echo fails)")
                .facts(Facts.peerCloses(1000, "bye")).script(d -> {
                    d.peerClose(1000, "bye");
                    d.awaitClose();
                    d.text("late");
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-twice").spec("§5 #20")
                .summary("peer close(1000,\"a\") then close(4000,\"z\"): the second is silent")
                .facts(Facts.peerCloses(1000, "a")).script(d -> {
                    d.peerClose(1000, "a");
                    d.peerClose(4000, "z");
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-then-invalid-code").spec("§5 #21")
                .summary("peer close(1000) then close(999): validation still throws after close")
                .facts(Facts.peerCloses(1000, "")).script(d -> {
                    d.peerClose(1000);
                    d.peerClose(999);
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-send-after-close").spec("§1.2 send (1)")
                .summary("sendAfterClose(1000): close, then send(\"after\") throws TypeError")
                .facts(Facts.peerCloses(1000, "")).script(d -> {
                    d.peerSendAfterClose(1000);
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-then-state").spec("observed §7")
                .summary("peer close(1000,\"bye\") then the state command: its send throws (rs 2)")
                .facts(Facts.peerCloses(1000, "bye")).script(d -> {
                    d.together("close command + state command",
                            cmdFrame(op("close").add("code", 1000).add("reason", "bye").build()),
                            cmdFrame(op("state").build()));
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-2999").spec("§5 #17 (accepted codes)")
                .summary("peer close(2999,\"x\"): accepted outside pedantic mode")
                .facts(Facts.peerCloses(2999, "x")).script(d -> {
                    d.peerClose(2999, "x");
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-close-4999-unicode").spec("§5 #17, #18")
                .summary("peer close(4999,\"h\u00e9llo \u20ac\"): multibyte reason")
                .facts(Facts.peerCloses(4999, "h\u00e9llo \u20ac")).script(d -> {
                    d.peerClose(4999, "h\u00e9llo \u20ac");
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("peer-text-binary-close-order").spec("§3 order, §5 #39")
                .summary("peer send(\"t1\"), sendBinary(0a0b), close(1000,\"fin\"): frames in FIFO order")
                .facts(Facts.peerCloses(1000, "fin")).script(d -> {
                    d.together("send + sendBinary + close commands",
                            cmdFrame(op("send").add("text", "t1").build()),
                            cmdFrame(op("sendBinary").add("hex", "0a0b").build()),
                            cmdFrame(op("close").add("code", 1000).add("reason", "fin").build()));
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("halfopen-peer-close-1000-bye").spec("§2.2 A (HALF)")
                .summary("halfOpen=1; peer close(1000,\"bye\"); the client echoes")
                .halfOpen().facts(Facts.peerCloses(1000, "bye")).script(d -> {
                    d.peerClose(1000, "bye");
                    d.awaitClose();
                    d.replyToClose();
                }));

        // ------------------------------------------------------------ close initiated by the client
        list.add(Scenario.named("client-close-1000-bye").spec("§2.2 B, observed §4")
                .summary("the client sends Close(1000,\"bye\") right after the handshake")
                .facts(Facts.clientCloses()).script(d -> d.close(1000, "bye")));
        list.add(Scenario.named("client-close-after-traffic").spec("observed §1 (trailing error), §4")
                .summary("echo of \"a\", then the client sends Close(4000,\"x\")")
                .facts(Facts.clientCloses()).script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.close(4000, "x");
                }));
        list.add(Scenario.named("client-close-empty-body").spec("§5 #15, observed §4")
                .summary("the client sends a Close with an empty body (peer sees 1005)")
                .facts(Facts.clientClosesEmpty()).script(Driver::closeEmpty));
        list.add(Scenario.named("client-close-3000").spec("§2.2 B")
                .summary("the client sends Close(3000,\"q\")")
                .facts(Facts.clientCloses()).script(d -> d.close(3000, "q")));
        list.add(Scenario.named("client-close-2999").spec("§2.2 E (kj does not validate received codes)")
                .summary("the client sends Close(2999,\"odd\"): workerd delivers and echoes it")
                .facts(Facts.clientCloses()).script(d -> d.close(2999, "odd")));
        list.add(Scenario.named("client-close-1006").spec("observed misc (received close codes)")
                .summary("the client sends Close(1006,\"odd\"): workerd delivers and echoes it")
                .facts(Facts.clientCloses()).script(d -> d.close(1006, "odd")));
        list.add(Scenario.named("client-close-then-data").spec("observed §4 (data after Close ignored)")
                .summary("Close(1000,\"bye\") and a text frame after it, in one TCP write")
                .facts(Facts.clientCloses()).script(d -> d.together("close + text",
                        closeFrame(1000, "bye"), textFrame("ignored"))));
        list.add(Scenario.named("client-close-onclose-close").spec("§5 #12, §2.2 B")
                .summary("onClose=close; the client sends Close(4000,\"x\")")
                .onClose("close").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("client-close-onclose-send").spec("§5 #13")
                .summary("onClose=send; the client sends Close(4000,\"x\")")
                .onClose("send").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("client-close-onclose-closetwice").spec("§5 #12, #20")
                .summary("onClose=closeTwice; the client sends Close(4000,\"x\")")
                .onClose("closeTwice").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("client-close-onclose-closelater").spec("observed §8 (closeLater)")
                .summary("onClose=closeLater; the client sends Close(4000,\"x\")")
                .onClose("closeLater").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-client-close").spec("§2.2 B (HALF), observed §4")
                .summary("halfOpen=1; the client sends Close(4000,\"x\"); no reply expected")
                .halfOpen().facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-client-close-onclose-close").spec("§2.2 B (HALF)")
                .summary("halfOpen=1, onClose=close: the reply is Close(4000,\"done\")")
                .halfOpen().onClose("close").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-client-close-onclose-send").spec("§2.2 B (HALF)")
                .summary("halfOpen=1, onClose=send: \"late\" reaches the client")
                .halfOpen().onClose("send").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-client-close-closetwice").spec("§2.2 B (HALF), §5 #20")
                .summary("halfOpen=1, onClose=closeTwice")
                .halfOpen().onClose("closeTwice").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-client-close-closelater").spec("observed §4 (closeLater)")
                .summary("halfOpen=1, onClose=closeLater: Close(4000,\"done\") about 50 ms later")
                .halfOpen().onClose("closeLater").facts(Facts.clientCloses()).script(d -> d.close(4000, "x")));
        list.add(Scenario.named("halfopen-empty-close-onclose-close").spec("§5 #15 (1005 echo throws)")
                .summary("halfOpen=1, onClose=close; empty-body Close: close(1005,\"done\") throws")
                .halfOpen().onClose("close").facts(Facts.clientClosesEmpty()).script(Driver::closeEmpty));

        list.add(Scenario.named("empty-close-onclose-close").spec("§5 #15 (1005 echo throws), §5 #12")
                .summary("onClose=close; empty-body Close: close(1005,\"done\") throws even when already closed")
                .onClose("close").facts(Facts.clientClosesEmpty()).script(Driver::closeEmpty));

        // ------------------------------------------------------------ invalid close arguments
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 5000, 0}) {
            list.add(Scenario.named("invalid-code-" + code).spec("§5 #17")
                    .summary("peer close(" + code + ") throws InvalidAccessError; state; then the client closes")
                    .facts(Facts.clientCloses()).script(d -> {
                        d.peerClose(code);
                        d.peerState();
                        d.expectFrames(1);
                        d.close(1000, "end");
                    }));
        }
        list.add(Scenario.named("invalid-code-999-long-reason").spec("§5 #19 (order of checks)")
                .summary("peer close(999, 124 bytes): the code is checked first")
                .facts(Facts.clientCloses()).script(d -> {
                    d.peerClose(999, A124);
                    d.peerState();
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("reason-123-bytes").spec("§5 #18")
                .summary("peer close(1000, 123 x 'a'): accepted, 125-byte Close body")
                .facts(Facts.peerCloses(1000, A123)).script(d -> {
                    d.peerClose(1000, A123);
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("reason-41-euro-123-bytes").spec("§5 #18")
                .summary("peer close(1000, 41 x '\u20ac' = 123 bytes): accepted")
                .facts(Facts.peerCloses(1000, EURO41)).script(d -> {
                    d.peerClose(1000, EURO41);
                    d.awaitClose();
                    d.replyToClose();
                }));
        list.add(Scenario.named("reason-124-bytes").spec("§5 #18, observed #18 (OLD: 126-byte Close)")
                .summary("peer close(1000, 124 x 'a'): SyntaxError from 2026-03-03, else sent")
                .facts(Facts.peerCloses(1000, A124)).script(d -> {
                    d.peerClose(1000, A124);
                    d.peerState();
                    d.expectFrames(1);
                    d.closeAfterGrace(1000, "end");
                }));
        list.add(Scenario.named("reason-62-eacute-124-bytes").spec("§5 #18")
                .summary("peer close(1000, 62 x '\u00e9' = 124 bytes)")
                .facts(Facts.peerCloses(1000, E62)).script(d -> {
                    d.peerClose(1000, E62);
                    d.peerState();
                    d.expectFrames(1);
                    d.closeAfterGrace(1000, "end");
                }));
        list.add(Scenario.named("reason-without-code").spec("§5 #19")
                .summary("peer close(undefined, \"x\"): InvalidAccessError")
                .facts(Facts.clientCloses()).script(d -> {
                    d.peerCloseReasonOnly("x");
                    d.peerState();
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("reason-empty-without-code").spec("observed §6")
                .summary("peer close(undefined, \"\"): InvalidAccessError")
                .facts(Facts.clientCloses()).script(d -> {
                    d.peerCloseReasonOnly("");
                    d.peerState();
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("reason-124-without-code").spec("observed #19 (length before code)")
                .summary("peer close(undefined, 124 bytes): SyntaxError from 2026-03-03, else InvalidAccessError")
                .facts(Facts.clientCloses()).script(d -> {
                    d.peerCloseReasonOnly(A124);
                    d.peerState();
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));

        // ------------------------------------------------------------ before accept
        list.add(Scenario.named("preaccept-send").spec("§5 #5")
                .summary("preAccept=send: TypeError; the socket works afterwards")
                .option("preAccept", "send").facts(Facts.clientCloses()).script(d -> {
                    d.text("hi");
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("preaccept-close").spec("§5 #5")
                .summary("preAccept=close: TypeError; the socket works afterwards")
                .option("preAccept", "close").facts(Facts.clientCloses()).script(d -> {
                    d.text("hi");
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));

        // ------------------------------------------------------------ messages, binary, ordering
        list.add(Scenario.named("text-echo").spec("§5 #1")
                .summary("two text messages (one multibyte) echoed")
                .facts(Facts.clientCloses()).script(d -> {
                    d.text("hello");
                    d.text("h\u00e9llo \u20ac \ud83d\ude00");
                    d.expectFrames(2);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("binary-echo").spec("§5 #2")
                .summary("a binary message echoed")
                .facts(Facts.clientCloses()).script(d -> {
                    d.binary("00ff7f80");
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("binary-empty-echo").spec("§5 #2")
                .summary("an empty binary message echoed")
                .facts(Facts.clientCloses()).script(d -> {
                    d.binary("");
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("large-text-echo").spec("§4")
                .summary("a 70000-byte text message (64-bit length) echoed")
                .facts(Facts.clientCloses()).script(d -> {
                    d.text("x".repeat(70000));
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("order-binary-text-binary").spec("§3 order, protocol 'processing order'")
                .summary("binary 01, text \"b\", binary 02 in one write: echoed in order")
                .facts(Facts.clientCloses()).script(d -> {
                    d.together("binary + text + binary", binaryFrame(new byte[] {1}), textFrame("b"),
                            binaryFrame(new byte[] {2}));
                    d.expectFrames(3);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("order-text-binary-close").spec("§5 #39, §2.2 B (echo after queued sends)")
                .summary("text \"a\", binary 0102, Close(1000,\"end\") in one write")
                .facts(Facts.clientCloses().withCloseInOneWrite()).script(d -> d.together("text + binary + close", textFrame("a"),
                        binaryFrame(new byte[] {1, 2}), closeFrame(1000, "end"))));
        list.add(Scenario.named("state-command").spec("observed §7")
                .summary("the state command reports readyState 1")
                .facts(Facts.clientCloses()).script(d -> {
                    d.peerState();
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("unknown-and-bad-commands").spec("protocol: commands")
                .summary("unknown op, odd hex, {\"op\":5} (data), then a send command")
                .facts(Facts.clientCloses()).script(d -> {
                    d.rawCmd("{\"op\":\"nope\"}");
                    d.peerSendBinary("abc");
                    d.rawCmd("{\"op\":5}");
                    d.peerSend("ok");
                    d.expectFrames(2);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("onmessage-none").spec("protocol: onMessage")
                .summary("onMessage=none: data is not echoed, commands still run")
                .option("onMessage", "none").facts(Facts.clientCloses()).script(d -> {
                    d.text("x");
                    d.binary("01");
                    d.peerSend("cmd");
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));

        list.add(Scenario.named("send-text-number").spec("§4 send() coercion, protocol 'no coercion by the peer'")
                .summary("{\"op\":\"send\",\"text\":5}: workerd sends \"5\"")
                .facts(Facts.clientCloses()).script(d -> {
                    d.rawCmd("{\"op\":\"send\",\"text\":5}");
                    d.peerSend("next");
                    d.expectFrames(2);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("fragmented-text-echo").spec("§4 (fragments accumulated)")
                .summary("a text message in three fragments, echoed whole")
                .facts(Facts.clientCloses()).script(d -> {
                    d.together("text in 3 fragments",
                            RawWebSocketClient.frame(0x1, "frag".getBytes(StandardCharsets.UTF_8), false),
                            RawWebSocketClient.frame(0x0, "men".getBytes(StandardCharsets.UTF_8), false),
                            RawWebSocketClient.frame(0x0, "ted".getBytes(StandardCharsets.UTF_8), true));
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("ping-pong").spec("§4 ping/pong, observed #40")
                .summary("a Ping is answered with a Pong carrying the same payload; no JS event")
                .facts(Facts.clientCloses()).script(d -> {
                    d.together("ping 'abc'", RawWebSocketClient.frame(0x9, "abc".getBytes(StandardCharsets.UTF_8)));
                    d.expectFrames(1);
                    d.text("after");
                    d.expectFrames(2);
                    d.close(1000, "end");
                }));
        list.add(Scenario.named("invalid-utf8-text").spec("§4 (no UTF-8 validation), observed #30")
                .summary("a text frame with bytes 61 ff 62: workerd delivers \"a\ufffdb\"")
                .facts(Facts.clientCloses()).script(d -> {
                    d.together("text 61 ff 62", RawWebSocketClient.frame(0x1, new byte[] {0x61, (byte) 0xff, 0x62}));
                    d.expectFrames(1);
                    d.close(1000, "end");
                }));

        // ------------------------------------------------------------ abrupt loss
        list.add(Scenario.named("abrupt-loss-idle-rst").spec("§5 #26")
                .summary("after an echo, the client resets TCP (no Close frame)")
                .script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropRst();
                }));
        list.add(Scenario.named("abrupt-loss-idle-fin").spec("§5 #26")
                .summary("after an echo, the client half-closes TCP (FIN, no Close frame)")
                .script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropFin();
                }));
        list.add(Scenario.named("abrupt-loss-halfopen-idle").spec("§5 #26 (HALF)")
                .summary("halfOpen=1; the client resets TCP while idle")
                .halfOpen().script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropRst();
                }));
        list.add(Scenario.named("abrupt-loss-onclose-send").spec("observed #26b")
                .summary("onClose=send; the client resets TCP: send after the 1006 is silent")
                .onClose("send").script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropRst();
                }));
        list.add(Scenario.named("abrupt-loss-onclose-close").spec("§5 #26, spec §6.1 caution (close(1006) throws)")
                .summary("onClose=close; the client resets TCP: close(1006,\"done\") throws InvalidAccessError")
                .onClose("close").script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropRst();
                }));
        list.add(Scenario.named("abrupt-loss-onclose-closelater").spec("observed §8 (closeLater after loss)")
                .summary("onClose=closeLater; the client resets TCP")
                .onClose("closeLater").script(d -> {
                    d.text("a");
                    d.expectFrames(1);
                    d.dropRst();
                }));
        list.add(Scenario.named("abrupt-loss-after-peer-close").spec("§5 #27")
                .summary("peer close(1000,\"bye\"); the client resets TCP instead of replying")
                .facts(Facts.peerCloses(1000, "bye")).script(d -> {
                    d.peerClose(1000, "bye");
                    d.awaitClose();
                    d.dropRst();
                }));

        list.add(Scenario.named("halfopen-client-close-then-rst").spec("§2.2 B (HALF) + §5 #26")
                .summary("halfOpen=1, onClose=closeLater; Close(4000,\"x\") then an immediate RST")
                .halfOpen().onClose("closeLater").facts(Facts.clientClosesThenDrops()).script(d -> {
                    d.close(4000, "x");
                    if (!d.awaitPeerCloseEvent()) {
                        // the scenario is "RST after the peer saw the Close": without that it would test something else
                        throw new AssertionError("the peer logged no close event within " + Driver.FRAME_WAIT_MILLIS
                                + " ms of the client's Close");
                    }
                    d.dropRst();
                }));

        // ------------------------------------------------------------ simultaneous close
        list.add(Scenario.named("simultaneous-close").spec("§5 #14, observed #14")
                .summary("close command (1000,\"a\") and Close(4000,\"b\") in one TCP write")
                .facts(Facts.peerCloses(1000, "a").withCloseInOneWrite()).script(d -> {
                    d.together("close command + Close(4000,b)",
                            cmdFrame(op("close").add("code", 1000).add("reason", "a").build()),
                            closeFrame(4000, "b"));
                    d.awaitClose();
                }));
        list.add(Scenario.named("simultaneous-close-halfopen").spec("§5 #14 (HALF)")
                .summary("halfOpen=1; close command (1000,\"a\") and Close(4000,\"b\") in one write")
                .halfOpen().facts(Facts.peerCloses(1000, "a").withCloseInOneWrite()).script(d -> {
                    d.together("close command + Close(4000,b)",
                            cmdFrame(op("close").add("code", 1000).add("reason", "a").build()),
                            closeFrame(4000, "b"));
                    d.awaitClose();
                }));

        Set<String> names = new HashSet<>();
        for (Scenario s : list) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("duplicate scenario name " + s.name());
            }
        }
        return List.copyOf(list);
    }
}
