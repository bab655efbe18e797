// What the two peers (peer.js, objects.js) share: a plain-text response, and how a value
// is written into a log entry (readyState, the name, class and message of a thrown value,
// bytes as hex).

export function text(status, body) {
  return new Response(body + "\n", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

export function rs(ws) {
  try {
    return ws.readyState;
  } catch (e) {
    return "threw:" + errName(e);
  }
}

export function errName(e) {
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    try {
      return String(e.name);
    } catch {
      return "unknown";
    }
  }
  return typeof e;
}

export function errClass(e) {
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    try {
      const c = e.constructor;
      return c && typeof c.name === "string" ? c.name : "unknown";
    } catch {
      return "unknown";
    }
  }
  return typeof e;
}

const HEX = "0123456789abcdef";
export function toHex(buf) {
  const u8 = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < u8.length; i++) {
    s += HEX[u8[i] >> 4] + HEX[u8[i] & 15];
  }
  return s;
}

export function fromHex(h) {
  if (typeof h !== "string" || h.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(h)) {
    return null;
  }
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(h.substr(i * 2, 2), 16);
  }
  return out;
}

// The error's message text (JavaScript `e.message`), logged as `errorMessage`.
export function errMessage(e) {
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    try {
      return String(e.message);
    } catch {
      return "unknown";
    }
  }
  return String(e);
}
