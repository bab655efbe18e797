// The objects peer (protocol v1, described in this header: endpoints, commands, the log) as
// a Worker for workerd: one Durable Object class, ObjectsPeer, whose instances accept
// WebSockets with the Hibernation API (ctx.acceptWebSocket) and log every handler call and
// every API call they make. It is the main module of the peer Worker: any request outside
// /objects/ goes to the conformance peer of peer.js (/peer, /log), so one workerd process serves both.
//
// Endpoints:
//   GET /objects/NAME/connect?id=ID&tags=JSON&onMessage=none|echo
//             &onClose=none|close|send&acceptTwice=0|1
//       426 without "Upgrade: websocket"; 400 for a bad ID, option value or tags, or an
//       ID already used in this object; otherwise 101 with the client end of a pair
//       whose server end the object accepted with ctx.acceptWebSocket.
//   GET /objects/NAME/log              200 application/json: the object's log
//   GET /objects/NAME/sockets[?tag=T]  200 application/json: IDs of ctx.getWebSockets(T)
//   /objects/<bad NAME>/connect|log|sockets: 400; any other /objects/ path: 404.
//
// NAME selects env.OBJECTS.get(env.OBJECTS.idFromName(NAME)); the request is forwarded
// to it unchanged. The namespace is configured with preventEviction = true and in-memory
// storage, so an object lives as long as the workerd process and never hibernates: its
// log and its map from WebSocket (by identity) to connection ID are plain fields. Tags
// and attachments are never used to identify a socket: they are under test.
//
// Commands: a text message that is a JSON object with a string "op", run inside
// webSocketMessage. On the sender's socket, or with "tag":T / "all":true on each socket of
// ctx.getWebSockets(T) / ctx.getWebSockets() (the selection is logged first): send {text},
// sendBinary {hex}, close {code?, reason?}, accept, getTags, serializeAttachment {value},
// deserializeAttachment, getAutoResponseTimestamp. On the object: getWebSockets {tag?},
// setAutoResponse {request, response} or {} (unset), getAutoResponse, batch {cmds}.
// Malformed commands log "BadCommand", unknown ones "UnknownCommand"; other messages are
// data (echoed with onMessage=echo).
//
// The log: one entry per handler call ({"event":"webSocketMessage"|"webSocketClose"|
// "webSocketError","conn":ID,"readyState":n,...}; close and error entries add "listed",
// "tags", "attachment") and per API call ({"op","from","call",["target",
// "readyStateBefore","readyStateAfter",]"ok",["result"]}, and "error", "errorClass",
// "errorMessage" when it threw). What workerd did with it: OBJECTS-OBSERVED.md.

import { DurableObject } from "cloudflare:workers";
import peerWorker from "./peer.js";
import { text, rs, errName, errClass, toHex, fromHex } from "./values.js";

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ID_RE = NAME_RE;
const OPTIONS = {
  onMessage: ["none", "echo"],
  onClose: ["none", "close", "send"],
  acceptTwice: ["0", "1"],
};
const SOCKET_COMMANDS = new Set([
  "send",
  "sendBinary",
  "close",
  "accept",
  "getTags",
  "serializeAttachment",
  "deserializeAttachment",
  "getAutoResponseTimestamp",
]);


function json(value) {
  return new Response(JSON.stringify(value), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

function has(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}




// Adds error, errorClass and errorMessage (when the thrown value has a message).
function describeError(entry, e) {
  entry.ok = false;
  entry.error = errName(e);
  entry.errorClass = errClass(e);
  if (e !== null && typeof e === "object" && e.message !== undefined) {
    entry.errorMessage = String(e.message);
  }
  return entry;
}



function isCommand(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.op === "string";
}

function parseCommand(data) {
  try {
    const v = JSON.parse(data);
    return isCommand(v) ? v : null;
  } catch {
    return null;
  }
}

export class ObjectsPeer extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.log = [];
    this.sockets = new Map(); // server-end WebSocket (by identity) -> {id, opt}
    this.usedIds = new Set();
  }

  idOf(ws) {
    const s = this.sockets.get(ws);
    return s === undefined ? null : s.id;
  }

  ids(list) {
    return Array.from(list, (ws) => this.idOf(ws));
  }

  // One entry for a call that acts on socket `target`; returns whether it succeeded.
  // `result` turns the call's return value into the logged result (absent: nothing).
  targetCall(op, from, method, target, fn, extra = {}, result = null) {
    const entry = { op, from, call: method, target: this.idOf(target), ...extra };
    entry.readyStateBefore = rs(target);
    try {
      const r = fn();
      entry.readyStateAfter = rs(target);
      entry.ok = true;
      if (result !== null) entry.result = result(r);
    } catch (e) {
      entry.readyStateAfter = rs(target);
      describeError(entry, e);
    }
    this.log.push(entry);
    return entry.ok;
  }

  // One entry for a call that does not act on a socket; returns the call's value, or
  // `undefined` when it threw.
  objectCall(op, from, method, fn, extra = {}, result = null) {
    const entry = { op, from, call: method, ...extra };
    let r;
    try {
      r = fn();
      entry.ok = true;
      if (result !== null) entry.result = result(r);
    } catch (e) {
      describeError(entry, e);
      r = undefined;
    }
    this.log.push(entry);
    return r;
  }

  getWebSocketsCall(op, from, tag) {
    if (tag === undefined) {
      return this.objectCall(op, from, "getWebSockets", () => this.ctx.getWebSockets(), {}, (l) => this.ids(l));
    }
    return this.objectCall(op, from, "getWebSockets", () => this.ctx.getWebSockets(tag), { tag }, (l) => this.ids(l));
  }

  bad(op, from, error = "BadCommand") {
    this.log.push({ op, from, ok: false, error });
  }

  // ------------------------------------------------------------------ requests

  async fetch(request) {
    const url = new URL(request.url);
    const m = /^\/objects\/[^/]+\/(connect|log|sockets)$/.exec(url.pathname);
    const what = m === null ? null : m[1];
    if (what === "log") return json(this.log);
    if (what === "sockets") {
      try {
        const list = url.searchParams.has("tag")
          ? this.ctx.getWebSockets(url.searchParams.get("tag"))
          : this.ctx.getWebSockets();
        return json(this.ids(list));
      } catch (e) {
        return text(500, `getWebSockets threw ${errName(e)}: ${e && e.message}`);
      }
    }
    if (what === "connect") return this.connect(request, url);
    return text(404, "not found");
  }

  connect(request, url) {
    const upgrade = request.headers.get("Upgrade");
    if (upgrade === null || upgrade.trim().toLowerCase() !== "websocket") {
      return text(426, "Upgrade: websocket required");
    }
    const id = url.searchParams.get("id");
    if (id === null || !ID_RE.test(id)) return text(400, "bad id");
    if (this.usedIds.has(id)) return text(400, `id ${id} already used in this object`);
    const opt = {};
    for (const [name, values] of Object.entries(OPTIONS)) {
      const v = url.searchParams.get(name);
      if (v === null) {
        opt[name] = values[0];
      } else if (!values.includes(v)) {
        return text(400, `bad value for ${name}: ${v}`);
      } else {
        opt[name] = v;
      }
    }
    let tags; // undefined: acceptWebSocket(server) with one argument
    if (url.searchParams.has("tags")) {
      try {
        tags = JSON.parse(url.searchParams.get("tags"));
      } catch {
        return text(400, "tags is not JSON");
      }
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) {
        return text(400, "tags is not a JSON array of strings");
      }
    }

    this.usedIds.add(id);
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    this.sockets.set(server, { id, opt });

    const accept = () =>
      tags === undefined
        ? this.targetCall("connect", id, "acceptWebSocket", server, () => this.ctx.acceptWebSocket(server))
        : this.targetCall("connect", id, "acceptWebSocket", server, () => this.ctx.acceptWebSocket(server, tags), {
            tags,
          });
    if (accept()) {
      if (opt.acceptTwice === "1") accept();
    } else {
      const fallback = this.targetCall("connect", id, "acceptWebSocket", server, () =>
        this.ctx.acceptWebSocket(server),
      );
      if (!fallback) return text(500, "acceptWebSocket(server) failed: see the log");
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  // ------------------------------------------------------------------ handlers

  webSocketMessage(ws, message) {
    const from = this.idOf(ws);
    const readyState = rs(ws);
    if (typeof message === "string") {
      this.log.push({ event: "webSocketMessage", conn: from, readyState, type: "text", data: message });
      const cmd = parseCommand(message);
      if (cmd !== null) {
        this.runCommand(ws, from, cmd, false);
        return;
      }
    } else {
      this.log.push({
        event: "webSocketMessage",
        conn: from,
        readyState,
        type: "binary",
        hex: toHex(message),
        dataClass: errClass(message),
      });
    }
    const s = this.sockets.get(ws);
    if (s !== undefined && s.opt.onMessage === "echo") {
      const before = rs(ws);
      try {
        ws.send(message);
      } catch (e) {
        this.log.push(
          describeError({ op: "echo", from, call: "send", target: from, readyStateBefore: before, readyStateAfter: rs(ws) }, e),
        );
      }
    }
  }

  // listed, tags and attachment, read before anything else in the close/error handlers
  reads(ws) {
    const out = {};
    try {
      out.listed = this.ctx.getWebSockets().includes(ws);
    } catch (e) {
      out.listed = "threw:" + errName(e);
    }
    try {
      out.tags = this.ctx.getTags(ws);
    } catch (e) {
      out.tags = "threw:" + errName(e);
    }
    try {
      out.attachment = ws.deserializeAttachment();
    } catch (e) {
      out.attachment = "threw:" + errName(e);
    }
    return out;
  }

  webSocketClose(ws, code, reason, wasClean) {
    const conn = this.idOf(ws);
    const readyState = rs(ws);
    const r = this.reads(ws);
    this.log.push({ event: "webSocketClose", conn, readyState, code, reason, wasClean, ...r });
    const s = this.sockets.get(ws);
    const onClose = s === undefined ? "none" : s.opt.onClose;
    if (onClose === "close") {
      this.targetCall("onClose", conn, "close", ws, () => ws.close(code, "done"));
    } else if (onClose === "send") {
      this.targetCall("onClose", conn, "send", ws, () => ws.send("late"));
    }
  }

  webSocketError(ws, error) {
    const conn = this.idOf(ws);
    const readyState = rs(ws);
    const r = this.reads(ws);
    const entry = { event: "webSocketError", conn, readyState };
    if (error !== undefined && error !== null) {
      entry.error = errName(error);
      entry.errorClass = errClass(error);
      entry.message = typeof error === "object" && error.message !== undefined ? String(error.message) : String(error);
    }
    this.log.push({ ...entry, ...r });
  }

  // ------------------------------------------------------------------ commands

  runCommand(ws, from, cmd, inBatch) {
    const op = cmd.op;
    if (op === "batch") {
      if (inBatch || !Array.isArray(cmd.cmds)) {
        this.bad(op, from);
        return;
      }
      for (const c of cmd.cmds) {
        if (isCommand(c)) {
          this.runCommand(ws, from, c, true);
        } else {
          this.bad("batch", from);
        }
      }
      return;
    }
    if (SOCKET_COMMANDS.has(op)) {
      this.socketCommand(ws, from, cmd);
      return;
    }
    switch (op) {
      case "getWebSockets":
        if (has(cmd, "tag") && typeof cmd.tag !== "string") {
          this.bad(op, from);
        } else {
          this.getWebSocketsCall(op, from, has(cmd, "tag") ? cmd.tag : undefined);
        }
        return;
      case "setAutoResponse": {
        const hasQ = has(cmd, "request");
        const hasP = has(cmd, "response");
        if (hasQ !== hasP) {
          this.bad(op, from);
        } else if (hasQ) {
          this.objectCall(op, from, "setWebSocketAutoResponse", () =>
            this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(cmd.request, cmd.response)),
          );
        } else {
          this.objectCall(op, from, "setWebSocketAutoResponse", () => this.ctx.setWebSocketAutoResponse());
        }
        return;
      }
      case "getAutoResponse":
        this.objectCall(
          op,
          from,
          "getWebSocketAutoResponse",
          () => this.ctx.getWebSocketAutoResponse(),
          {},
          (p) => (p === null || p === undefined ? null : { request: p.request, response: p.response }),
        );
        return;
      default:
        this.bad(op, from, "UnknownCommand");
    }
  }

  socketCommand(ws, from, cmd) {
    const op = cmd.op;
    const hasTag = has(cmd, "tag");
    const hasAll = has(cmd, "all");
    if ((hasTag && hasAll) || (hasTag && typeof cmd.tag !== "string") || (hasAll && cmd.all !== true)) {
      this.bad(op, from);
      return;
    }
    let action; // (t) => one logged call on target t
    switch (op) {
      case "send":
        action = (t) => this.targetCall(op, from, "send", t, () => t.send(cmd.text));
        break;
      case "sendBinary": {
        const bytes = fromHex(cmd.hex);
        if (bytes === null) {
          this.bad(op, from);
          return;
        }
        action = (t) => this.targetCall(op, from, "send", t, () => t.send(bytes));
        break;
      }
      case "close": {
        const hasCode = has(cmd, "code");
        const hasReason = has(cmd, "reason");
        let fn;
        if (hasCode && hasReason) fn = (t) => t.close(cmd.code, cmd.reason);
        else if (hasCode) fn = (t) => t.close(cmd.code);
        else if (hasReason) fn = (t) => t.close(undefined, cmd.reason);
        else fn = (t) => t.close();
        action = (t) => this.targetCall(op, from, "close", t, () => fn(t));
        break;
      }
      case "accept":
        action = (t) => this.targetCall(op, from, "accept", t, () => t.accept());
        break;
      case "getTags":
        action = (t) => this.targetCall(op, from, "getTags", t, () => this.ctx.getTags(t), {}, (r) => r);
        break;
      case "serializeAttachment":
        if (!has(cmd, "value")) {
          this.bad(op, from);
          return;
        }
        action = (t) => this.targetCall(op, from, "serializeAttachment", t, () => t.serializeAttachment(cmd.value));
        break;
      case "deserializeAttachment":
        action = (t) => this.targetCall(op, from, "deserializeAttachment", t, () => t.deserializeAttachment(), {}, (r) => r);
        break;
      case "getAutoResponseTimestamp":
        action = (t) =>
          this.targetCall(
            op,
            from,
            "getWebSocketAutoResponseTimestamp",
            t,
            () => this.ctx.getWebSocketAutoResponseTimestamp(t),
            {},
            (r) => (r instanceof Date ? "<timestamp>" : r),
          );
        break;
    }
    let targets = [ws];
    if (hasTag || hasAll) {
      targets = this.getWebSocketsCall(op, from, hasTag ? cmd.tag : undefined);
      if (targets === undefined) return; // getWebSockets threw: logged
    }
    for (const t of targets) action(t);
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/objects" || url.pathname.startsWith("/objects/")) {
      const m = /^\/objects\/([^/]*)\/(connect|log|sockets)$/.exec(url.pathname);
      if (m === null) return text(404, "not found");
      if (!NAME_RE.test(m[1])) return text(400, "bad object name");
      const stub = env.OBJECTS.get(env.OBJECTS.idFromName(m[1]));
      return stub.fetch(request);
    }
    return peerWorker.fetch(request, env, ctx);
  },
};
