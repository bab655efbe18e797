// Node's `ws` as a bench target (bench/run.sh): the same echo as RawEcho, EchoRoute and
// workerd/echo.js on every path, except /fanout, where each message is sent to every client
// connected to /fanout (the Node form of the fan-out Durable Object). Bound to 127.0.0.1 on a free
// port; prints "node-server port N pid P" once it listens. No compression (ws's server default),
// no bufferutil/utf-8-validate (not installed: ws's JavaScript fallbacks run).
import { WebSocketServer } from "ws";

const fanout = new Set();
const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(process.argv[2] ?? 0) });
wss.on("listening", () => console.log(`node-server port ${wss.address().port} pid ${process.pid}`));
wss.on("connection", (ws, request) => {
  if (request.url.startsWith("/fanout")) {
    fanout.add(ws);
    ws.on("message", (data, isBinary) => {
      for (const member of fanout) member.send(data, { binary: isBinary });
    });
    ws.on("close", () => fanout.delete(ws));
  } else {
    ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
  }
});
process.on("SIGTERM", () => process.exit(0));
