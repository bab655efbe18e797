// Conformance peer as a Cloudflare Worker for workerd: the server end of a
// WebSocketPair that a test client drives with commands and whose observations it
// reads back. dev.wspair.conformance.PeerRoute (src-it) speaks the same protocol
// with wspair, so the differential test can compare the two logs.
//
// Endpoints:
//   GET /peer?id=ID&halfOpen=0|1&preAccept=none|send|close
//             &onClose=none|close|closeLater|send|closeTwice&onMessage=echo|none
//       426 without "Upgrade: websocket"; 400 for a bad ID or option value;
//       otherwise 101 with the client end of a WebSocketPair.
//   GET /log?id=ID   200 application/json: the observation log (a JSON array)
//   anything else    404
//
// Commands: a text message that is a JSON object with a string "op" is a command
// (send {text}, sendBinary {hex}, close {code?, reason?}, state, sendAfterClose
// {code}); every other message is echoed when onMessage=echo. Each WebSocket call
// the peer makes is logged with readyState before and after and, when it throws,
// the error's name, class and message (errorMessage); events are logged as they arrive.
//
// Logs live in module-global memory; workerd keeps one isolate per worker, so
// they survive across requests. Only the most recent MAX_LOGS connections are
// kept (Map insertion order = age; a reused ID is moved to the newest end).

import { text, rs, errName, errClass, errMessage, toHex, fromHex } from "./values.js";

const MAX_LOGS = 256;
const logs = new Map();

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const OPTIONS = {
  halfOpen: ["0", "1"],
  preAccept: ["none", "send", "close"],
  onClose: ["none", "close", "closeLater", "send", "closeTwice"],
  onMessage: ["echo", "none"],
};

function newLog(id) {
  const log = [];
  logs.delete(id);
  logs.set(id, log);
  while (logs.size > MAX_LOGS) {
    logs.delete(logs.keys().next().value);
  }
  return log;
}








function parseCommand(data) {
  let v;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
  if (typeof v.op !== "string") return null;
  return v;
}

function startPeer(url, id) {
  const opt = {};
  for (const [name, values] of Object.entries(OPTIONS)) {
    const v = url.searchParams.get(name);
    if (v === null) {
      opt[name] = values[0];
    } else if (!values.includes(v)) {
      return { error: `bad value for ${name}: ${v}` };
    } else {
      opt[name] = v;
    }
  }

  const log = newLog(id);
  const pair = new WebSocketPair();
  const client = pair[0];
  const server = pair[1];

  // One log entry per WebSocket method call.
  function call(op, method, fn) {
    const entry = { op, call: method, readyStateBefore: rs(server) };
    try {
      fn();
      entry.readyStateAfter = rs(server);
      entry.ok = true;
    } catch (e) {
      entry.readyStateAfter = rs(server);
      entry.ok = false;
      entry.error = errName(e);
      entry.errorClass = errClass(e);
      entry.errorMessage = errMessage(e);
    }
    log.push(entry);
    return entry.ok;
  }

  // Echo sends are only logged when they fail.
  function echo(payload) {
    const before = rs(server);
    try {
      server.send(payload);
    } catch (e) {
      log.push({
        op: "echo",
        call: "send",
        readyStateBefore: before,
        readyStateAfter: rs(server),
        ok: false,
        error: errName(e),
        errorClass: errClass(e),
        errorMessage: errMessage(e),
      });
    }
  }

  function runCommand(cmd) {
    const op = cmd.op;
    switch (op) {
      case "send":
        call(op, "send", () => server.send(cmd.text));
        break;
      case "sendBinary": {
        const bytes = fromHex(cmd.hex);
        if (bytes === null) {
          log.push({ op, ok: false, error: "BadCommand" });
        } else {
          call(op, "send", () => server.send(bytes));
        }
        break;
      }
      case "close": {
        const hasCode = Object.prototype.hasOwnProperty.call(cmd, "code");
        const hasReason = Object.prototype.hasOwnProperty.call(cmd, "reason");
        if (hasCode && hasReason) {
          call(op, "close", () => server.close(cmd.code, cmd.reason));
        } else if (hasCode) {
          call(op, "close", () => server.close(cmd.code));
        } else if (hasReason) {
          call(op, "close", () => server.close(undefined, cmd.reason));
        } else {
          call(op, "close", () => server.close());
        }
        break;
      }
      case "state":
        call(op, "send", () =>
          server.send(JSON.stringify({ readyState: rs(server) })),
        );
        break;
      case "sendAfterClose":
        call(op, "close", () => server.close(cmd.code));
        call(op, "send", () => server.send("after"));
        break;
      default:
        log.push({ op, ok: false, error: "UnknownCommand" });
    }
  }

  // Processes one message's payload (string, or bytes for binary).
  function process(item) {
    if (item.type === "text") {
      const cmd = parseCommand(item.data);
      if (cmd !== null) {
        runCommand(cmd);
      } else if (opt.onMessage === "echo") {
        echo(item.data);
      }
    } else if (opt.onMessage === "echo") {
      echo(item.bytes);
    }
  }

  // Strict arrival-order processing. A Blob can only be read asynchronously;
  // while one is being read, every later message waits behind it. Without a
  // pending Blob, a message is processed synchronously inside its event.
  const queue = [];
  let blocked = false;
  function drain() {
    while (!blocked && queue.length > 0) {
      const item = queue[0];
      if (item.pending) {
        blocked = true;
        item.pending.then(
          (bytes) => {
            item.bytes = bytes;
            item.pending = null;
            blocked = false;
            drain();
          },
          (e) => {
            // Reading a Blob never fails in practice; drop the item, note it.
            log.push({
              op: "blobRead",
              ok: false,
              error: errName(e),
              errorClass: errClass(e),
              errorMessage: errMessage(e),
            });
            queue.shift();
            blocked = false;
            drain();
          },
        );
        return;
      }
      queue.shift();
      try {
        process(item);
      } catch (e) {
        log.push({ op: "internal", ok: false, error: errName(e), errorClass: errClass(e), errorMessage: errMessage(e) });
      }
    }
  }

  server.addEventListener("message", (event) => {
    const data = event.data;
    if (typeof data === "string") {
      log.push({ event: "message", readyState: rs(server), type: "text", data });
      queue.push({ type: "text", data });
    } else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data.slice(0))
          : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      log.push({
        event: "message",
        readyState: rs(server),
        type: "binary",
        hex: toHex(bytes),
        dataClass: "ArrayBuffer",
      });
      queue.push({ type: "binary", bytes });
    } else if (typeof Blob !== "undefined" && data instanceof Blob) {
      // Appended synchronously; `hex` (left undefined, so JSON omits it) is
      // filled in when the read finishes. Key order stays as specified.
      const entry = {
        event: "message",
        readyState: rs(server),
        type: "binary",
        hex: undefined,
        dataClass: "Blob",
      };
      log.push(entry);
      const pending = data.arrayBuffer().then((ab) => {
        const bytes = new Uint8Array(ab);
        entry.hex = toHex(bytes);
        return bytes;
      });
      queue.push({ type: "binary", pending });
    } else {
      log.push({ event: "message", readyState: rs(server), type: "unknown", dataClass: errClass(data) });
      return;
    }
    drain();
  });

  server.addEventListener("close", (event) => {
    log.push({
      event: "close",
      readyState: rs(server),
      code: event.code,
      reason: event.reason,
      wasClean: event.wasClean,
    });
    const code = event.code;
    switch (opt.onClose) {
      case "close":
        call("onClose", "close", () => server.close(code, "done"));
        break;
      case "closeLater":
        setTimeout(() => {
          call("onClose", "close", () => server.close(code, "done"));
        }, 50);
        break;
      case "send":
        call("onClose", "send", () => server.send("late"));
        break;
      case "closeTwice":
        call("onClose", "close", () => server.close(code, "done"));
        call("onClose", "close", () => server.close(code, "done"));
        break;
    }
  });

  server.addEventListener("error", (event) => {
    const entry = { event: "error", readyState: rs(server), message: event.message };
    const e = event.error;
    if (e !== undefined && e !== null) {
      entry.error = errName(e);
      entry.errorClass = errClass(e);
    }
    log.push(entry);
  });

  if (opt.preAccept === "send") {
    call("preAccept", "send", () => server.send("x"));
  } else if (opt.preAccept === "close") {
    call("preAccept", "close", () => server.close(1000));
  }

  if (opt.halfOpen === "1") {
    call("accept", "accept", () => server.accept({ allowHalfOpen: true }));
  } else {
    call("accept", "accept", () => server.accept());
  }

  return { response: new Response(null, { status: 101, webSocket: client }) };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/peer") {
      const upgrade = request.headers.get("Upgrade");
      if (upgrade === null || upgrade.trim().toLowerCase() !== "websocket") {
        return text(426, "Upgrade: websocket required");
      }
      const id = url.searchParams.get("id");
      if (id === null || !ID_RE.test(id)) {
        return text(400, "bad id");
      }
      const r = startPeer(url, id);
      if (r.error) return text(400, r.error);
      return r.response;
    }
    if (url.pathname === "/log") {
      const id = url.searchParams.get("id");
      const log = (id !== null && logs.get(id)) || [];
      return new Response(JSON.stringify(log), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    return text(404, "not found");
  },
};
