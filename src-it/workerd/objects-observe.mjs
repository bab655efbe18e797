#!/usr/bin/env node
// Drives the objects peer (objects.js) with raw WebSocket clients and prints, per
// scenario, what each client received on the wire (frames, Close code/reason, end of
// the TCP connection) and what the object logged. This is how OBJECTS-OBSERVED.md was
// written; rerun it to check a new workerd version:
//
//   node objects-observe.mjs [--compat-date YYYY-MM-DD] [--url ws://127.0.0.1:N]
//
// Without --url it starts the peer with start-peer.mjs (free port) and stops it at the
// end. The raw client answers nothing by itself (no Close reply, no Pong), so what
// workerd sends is what is printed.

import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let date = "2026-11-17";
let base = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--compat-date") date = argv[++i];
  else if (argv[i] === "--url") base = argv[++i];
  else throw new Error(`unknown argument ${argv[i]}`);
}

class Raw {
  static connect(base, pathAndQuery) {
    const u = new URL(base);
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
        sock.setNoDelay(true);
        sock.write(
          `GET ${pathAndQuery} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      const raw = new Raw(sock);
      let head = Buffer.alloc(0);
      const onData = (d) => {
        head = Buffer.concat([head, d]);
        const i = head.indexOf("\r\n\r\n");
        if (i < 0) return;
        sock.off("data", onData);
        raw.status = Number(head.toString("latin1").split(" ")[1]);
        raw.buf = head.subarray(i + 4);
        sock.on("data", (x) => raw.feed(x));
        raw.feed(Buffer.alloc(0));
        resolve(raw);
      };
      sock.on("data", onData);
      sock.on("error", (e) => raw.finish("error:" + e.code));
      sock.on("end", () => raw.finish("eof"));
      sock.on("close", () => raw.finish("closed"));
      setTimeout(() => reject(new Error("handshake timeout")), 5000).unref();
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.got = [];
    this.ended = null;
    this.waiters = [];
    this.buf = Buffer.alloc(0);
    this.local = false;
  }

  feed(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const b = this.buf;
      if (b.length < 2) break;
      let len = b[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (b.length < 4) break;
        len = b.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (b.length < 10) break;
        len = Number(b.readBigUInt64BE(2));
        off = 10;
      }
      if (b.length < off + len) break;
      const op = b[0] & 0x0f;
      const p = b.subarray(off, off + len);
      this.buf = b.subarray(off + len);
      if (op === 1) this.push({ frame: "text", data: p.toString("utf8") });
      else if (op === 2) this.push({ frame: "binary", hex: p.toString("hex") });
      else if (op === 8)
        this.push(p.length === 0 ? { frame: "close", empty: true } : { frame: "close", code: p.readUInt16BE(0), reason: p.subarray(2).toString("utf8") });
      else this.push({ frame: "opcode-" + op, hex: p.toString("hex") });
    }
  }

  push(f) {
    this.got.push(f);
    this.wake();
  }

  finish(how) {
    if (this.ended !== null) return;
    this.ended = this.local ? "local" : how;
    if (!this.local) this.got.push({ end: how });
    this.wake();
  }

  wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  async waitFor(pred, ms = 3000) {
    const deadline = Date.now() + ms;
    while (!pred(this.got)) {
      if (this.ended !== null || Date.now() > deadline) return pred(this.got);
      await new Promise((r) => {
        this.waiters.push(r);
        setTimeout(r, Math.max(1, deadline - Date.now())).unref();
      });
    }
    return true;
  }

  frames(n, ms) {
    return this.waitFor((g) => g.filter((f) => f.frame).length >= n, ms);
  }

  frame(op, payload) {
    const mask = crypto.randomBytes(4);
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | op, 0x80 | len]) : Buffer.from([0x80 | op, 0x80 | 126, len >> 8, len & 255]);
    const body = Buffer.from(payload);
    for (let i = 0; i < body.length; i++) body[i] ^= mask[i % 4];
    this.sock.write(Buffer.concat([head, mask, body]));
  }

  text(s) {
    this.frame(1, Buffer.from(s, "utf8"));
  }
  cmd(o) {
    this.text(JSON.stringify(o));
  }
  binary(hex) {
    this.frame(2, Buffer.from(hex, "hex"));
  }
  close(code, reason = "") {
    const r = Buffer.from(reason, "utf8");
    const b = Buffer.alloc(2 + r.length);
    b.writeUInt16BE(code, 0);
    r.copy(b, 2);
    this.frame(8, b);
  }
  closeEmpty() {
    this.frame(8, Buffer.alloc(0));
  }
  reset() {
    this.local = true;
    this.sock.resetAndDestroy();
  }
  drop() {
    this.local = true;
    this.sock.destroy();
  }
}

async function get(p) {
  const r = await fetch(base.replace(/^ws/, "http") + p);
  const body = await r.text();
  try {
    return { status: r.status, body: JSON.parse(body) };
  } catch {
    return { status: r.status, body: body.trim() };
  }
}

let peer = null;
if (base === null) {
  peer = spawn("node", [path.join(here, "start-peer.mjs"), "--port", "0", "--compat-date", date], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise((resolve) => readline.createInterface({ input: peer.stdout }).once("line", resolve));
  base = line.replace("listening on ", "").trim();
}
const run = Math.random().toString(36).slice(2, 8);
const out = [];
function obj(n) {
  return `${n}-${run}`;
}
async function scenario(title, fn) {
  const o = obj(title.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 40));
  const clients = {};
  const connect = async (id, q = "") => (clients[id] = await Raw.connect(base, `/objects/${o}/connect?id=${id}${q}`));
  const notes = [];
  try {
    await fn({ o, connect, clients, notes, get: (w) => get(`/objects/${o}/${w}`) });
  } catch (e) {
    notes.push("scenario threw: " + e.stack);
  }
  const log = (await get(`/objects/${o}/log`)).body;
  const wire = {};
  for (const [id, c] of Object.entries(clients)) wire[id] = { status: c.status, got: c.got };
  out.push({ title, notes, wire, log });
  for (const c of Object.values(clients)) if (c.ended === null) c.drop();
}
const q = (o) => "&" + Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
const settle = async (c, n) => c.frames(n, 3000);

await scenario("endpoints", async ({ o, notes }) => {
  notes.push({ newLog: await get(`/objects/${o}/log`) });
  notes.push({ noUpgrade: await get(`/objects/${o}/connect?id=a`) });
  notes.push({ badName: await get(`/objects/bad!name/log`) });
  notes.push({ otherPath: await get(`/objects/${o}/nope`) });
  const bad = await Raw.connect(base, `/objects/${o}/connect?id=bad!`);
  notes.push({ badId: bad.status });
  const badOpt = await Raw.connect(base, `/objects/${o}/connect?id=x&onClose=maybe`);
  notes.push({ badOption: badOpt.status });
  const badTags = await Raw.connect(base, `/objects/${o}/connect?id=x&tags=${encodeURIComponent('["a",1]')}`);
  notes.push({ badTags: badTags.status });
  const a = await Raw.connect(base, `/objects/${o}/connect?id=x`);
  const again = await Raw.connect(base, `/objects/${o}/connect?id=x`);
  notes.push({ first: a.status, reusedId: again.status });
  a.cmd({ op: "send", text: "hi" });
  await settle(a, 1);
  notes.push({ got: a.got, sockets: await get(`/objects/${o}/sockets`) });
  for (const c of [bad, badOpt, badTags, a, again]) c.drop();
});

await scenario("two clients with tags, getWebSockets, broadcast by tag", async ({ connect, clients, notes, get }) => {
  const a = await connect("a", q({ tags: '["room","x"]' }));
  const b = await connect("b", q({ tags: '["room"]' }));
  const c = await connect("c");
  notes.push({ all: await get("sockets"), room: await get("sockets?tag=room"), x: await get("sockets?tag=x"), none: await get("sockets?tag=zzz") });
  a.cmd({ op: "getWebSockets" });
  a.cmd({ op: "getWebSockets", tag: "room" });
  a.cmd({ op: "getTags" });
  c.cmd({ op: "getTags" });
  a.cmd({ op: "send", tag: "room", text: "to room" });
  b.cmd({ op: "sendBinary", all: true, hex: "00ff" });
  await settle(a, 2);
  await settle(b, 2);
  await settle(c, 1);
  b.cmd({ op: "send", tag: 5, text: "x" });
  b.cmd({ op: "send", tag: "room", all: true, text: "x" });
  b.cmd({ op: "send", all: false, text: "x" });
  b.cmd({ op: "nope" });
  b.cmd({ op: "sendBinary", hex: "abc" });
  b.cmd({ op: "batch", cmds: [{ op: "send", text: "b1" }, 5, { op: "batch", cmds: [] }, { op: "send", text: "b2" }] });
  b.cmd({ op: "batch", cmds: "no" });
  await settle(b, 4);
  b.text("plain data, onMessage=none");
  b.binary("0102");
  b.cmd({ op: "getWebSockets", tag: "room" });
  await new Promise((r) => setTimeout(r, 200));
  void clients;
});

await scenario("echo option", async ({ connect }) => {
  const a = await connect("a", q({ onMessage: "echo" }));
  a.text("hello");
  a.binary("00ff10");
  a.text('{"op":5}');
  a.cmd({ op: "send", text: "cmd" });
  await settle(a, 4);
});

await scenario("auto-response", async ({ connect, notes }) => {
  const a = await connect("a");
  const b = await connect("b");
  a.cmd({ op: "getAutoResponse" });
  a.cmd({ op: "getAutoResponseTimestamp" });
  a.cmd({ op: "setAutoResponse", request: "ping", response: "pong" });
  a.cmd({ op: "getAutoResponse" });
  a.cmd({ op: "send", text: "set" });
  await settle(a, 1);
  a.text("ping");
  await settle(a, 2);
  a.text("PING");
  a.binary(Buffer.from("ping").toString("hex"));
  a.cmd({ op: "getAutoResponseTimestamp" });
  a.cmd({ op: "getAutoResponseTimestamp", all: true });
  a.cmd({ op: "setAutoResponse" });
  a.cmd({ op: "getAutoResponse" });
  a.cmd({ op: "getAutoResponseTimestamp" });
  a.cmd({ op: "send", text: "unset" });
  await settle(a, 3);
  a.text("ping");
  a.cmd({ op: "send", text: "after" });
  await settle(a, 4);
  a.cmd({ op: "setAutoResponse", request: "x".repeat(2049), response: "y" });
  a.cmd({ op: "setAutoResponse", request: "x", response: "y".repeat(2049) });
  a.cmd({ op: "setAutoResponse", request: "é".repeat(1025), response: "y" });
  a.cmd({ op: "setAutoResponse", request: "x".repeat(2048), response: "y".repeat(2048) });
  a.cmd({ op: "setAutoResponse", request: "only" });
  a.cmd({ op: "setAutoResponse", request: 5, response: null });
  a.cmd({ op: "getAutoResponse" });
  a.cmd({ op: "send", text: "done" });
  await settle(a, 5);
  notes.push("b received: " + JSON.stringify(b.got));
});

await scenario("attachments", async ({ connect }) => {
  const a = await connect("a");
  const b = await connect("b");
  a.cmd({ op: "deserializeAttachment" });
  a.cmd({ op: "serializeAttachment", value: { n: 1, s: "x", l: [true, null] } });
  a.cmd({ op: "deserializeAttachment" });
  a.cmd({ op: "deserializeAttachment", all: true });
  a.cmd({ op: "serializeAttachment", value: null });
  a.cmd({ op: "deserializeAttachment" });
  a.cmd({ op: "serializeAttachment", value: "z".repeat(16385) });
  a.cmd({ op: "serializeAttachment", value: "z".repeat(20000) });
  a.cmd({ op: "deserializeAttachment" });
  a.cmd({ op: "serializeAttachment" });
  a.cmd({ op: "send", text: "done" });
  await settle(a, 1);
  void b;
});

await scenario("accept errors", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ acceptTwice: "1", tags: '["t"]' }));
  const b = await connect("b", q({ tags: JSON.stringify(Array.from({ length: 11 }, (_, i) => "t" + i)) }));
  const c = await connect("c", q({ tags: JSON.stringify(["x".repeat(257)]) }));
  const d = await connect("d", q({ tags: JSON.stringify(["é".repeat(129)]) }));
  const e = await connect("e", q({ tags: JSON.stringify(["d", "d", "d"]) }));
  const f = await connect("f", q({ tags: JSON.stringify(Array.from({ length: 10 }, (_, i) => "t" + i).concat(["t0"])) }));
  const g = await connect("g", q({ tags: JSON.stringify(["x".repeat(256)]) }));
  const h = await connect("h", q({ tags: "[]" }));
  notes.push({ statuses: [a, b, c, d, e, f, g, h].map((x) => x.status) });
  a.cmd({ op: "accept" });
  e.cmd({ op: "getTags" });
  h.cmd({ op: "getTags" });
  a.cmd({ op: "send", text: "works" });
  b.cmd({ op: "getTags" });
  b.cmd({ op: "send", text: "b works" });
  await settle(a, 1);
  await settle(b, 1);
  notes.push({ sockets: await get("sockets") });
});

await scenario("client close with code and reason", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ tags: '["t"]' }));
  const b = await connect("b");
  a.cmd({ op: "serializeAttachment", value: { k: 1 } });
  a.close(4001, "bye");
  await a.waitFor((g) => g.some((f) => f.end), 1500);
  notes.push({ aEndedWithin1500ms: a.ended, socketsAfter: await get("sockets") });
  b.cmd({ op: "getWebSockets" });
  b.cmd({ op: "send", text: "sync" });
  await settle(b, 1);
});

await scenario("client close with onClose=close", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ onClose: "close" }));
  a.close(4001, "bye");
  await a.waitFor((g) => g.some((f) => f.end), 3000);
  notes.push({ sockets: await get("sockets") });
});

await scenario("client close with onClose=send", async ({ connect }) => {
  const a = await connect("a", q({ onClose: "send" }));
  a.close(1000, "");
  await a.waitFor((g) => g.some((f) => f.end), 1500);
});

await scenario("empty close, onClose=close", async ({ connect }) => {
  const a = await connect("a", q({ onClose: "close" }));
  a.closeEmpty();
  await a.waitFor((g) => g.some((f) => f.end), 1500);
});

await scenario("abrupt disconnect (RST) and FIN", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ onClose: "close", tags: '["t"]' }));
  const b = await connect("b", q({ onClose: "close" }));
  const w = await connect("w");
  a.reset();
  b.drop();
  for (let i = 0; i < 20 && (await get("log")).body.filter((e) => e.event).length < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  notes.push({ sockets: await get("sockets") });
  void w;
});

await scenario("close from the object", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ onClose: "close" }));
  a.cmd({ op: "close", code: 4002, reason: "srv" });
  a.cmd({ op: "send", text: "after close" });
  await settle(a, 1);
  notes.push({ socketsWhileClosing: await get("sockets") });
  a.close(4002, "reply");
  await a.waitFor((g) => g.some((f) => f.end), 2000);
  notes.push({ socketsAfter: await get("sockets") });
});

await scenario("close errors", async ({ connect }) => {
  const a = await connect("a");
  a.cmd({ op: "close", code: 999 });
  a.cmd({ op: "close", reason: "no code" });
  a.cmd({ op: "close", code: 1000, reason: "x".repeat(124) });
  a.cmd({ op: "send", text: "still open" });
  a.cmd({ op: "close" });
  a.cmd({ op: "send", text: "x" });
  await a.waitFor((g) => g.some((f) => f.frame === "close"), 2000);
  await a.waitFor((g) => g.some((f) => f.end), 1000);
});

await scenario("close one socket from another's handler", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ tags: '["victim"]' }));
  const b = await connect("b");
  b.cmd({ op: "close", tag: "victim", code: 4003, reason: "by b" });
  b.cmd({ op: "send", text: "sync" });
  await settle(b, 1);
  await settle(a, 1);
  await a.waitFor((g) => g.some((f) => f.end), 1500);
  notes.push({ aEndedWithin1500ms: a.ended, socketsBeforeReply: await get("sockets") });
  a.close(4003, "ack");
  await a.waitFor((g) => g.some((f) => f.end), 1500);
  notes.push({ aEndedAfterReply: a.ended, socketsAfterReply: await get("sockets") });
});

await scenario("close from the object, no onClose", async ({ connect, get, notes }) => {
  const a = await connect("a");
  a.cmd({ op: "close", code: 4002, reason: "srv" });
  await settle(a, 1);
  a.close(4002, "reply");
  await a.waitFor((g) => g.some((f) => f.end), 2000);
  notes.push({ aEndedWithin2000ms: a.ended, socketsAfter: await get("sockets") });
});

await scenario("close another socket, victim has onClose=close", async ({ connect, get, notes }) => {
  const a = await connect("a", q({ tags: '["victim"]', onClose: "close" }));
  const b = await connect("b");
  b.cmd({ op: "close", tag: "victim", code: 4003, reason: "by b" });
  await settle(a, 1);
  a.close(4003, "ack");
  await a.waitFor((g) => g.some((f) => f.end), 2000);
  notes.push({ aEndedWithin2000ms: a.ended, socketsAfterReply: await get("sockets") });
});

await scenario("protocol error", async ({ connect, notes, get }) => {
  const a = await connect("a", q({ tags: '["t"]' }));
  a.frame(0x3, Buffer.from("x")); // reserved opcode
  await a.waitFor((g) => g.some((f) => f.end), 1500);
  notes.push({ aEndedWithin1500ms: a.ended, sockets: await get("sockets") });
});

if (peer !== null) peer.kill("SIGTERM");
process.stdout.write(JSON.stringify({ workerd: date, scenarios: out }, null, 1) + "\n");
