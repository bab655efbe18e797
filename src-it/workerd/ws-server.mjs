// A WebSocket server on Node's `ws` package, for the client tests. Prints "listening N", then one
// line per Close it receives ("server-close ID CODE REASON", ID from the query's ?id=). Paths:
//   /chat     picks the subprotocol "chat" if offered; "close please" makes it close (1000, "x");
//             other messages are echoed as "echo <text>"
//   /missing  refuses the handshake with 404
//   /slow     holds the handshake until a line "release" arrives on stdin, then behaves as /chat
import { WebSocketServer } from "ws";
import { createInterface } from "node:readline";

const held = [];
const wss = new WebSocketServer({
  host: "127.0.0.1",
  port: 0,
  handleProtocols: (protocols) => (protocols.has("chat") ? "chat" : false),
  verifyClient: (info, done) => {
    const path = new URL(info.req.url, "http://x").pathname;
    if (path === "/missing") return done(false, 404, "Not Found");
    if (path === "/slow") return held.push(() => done(true));
    done(true);
  },
});
wss.on("listening", () => console.log("listening " + wss.address().port));
wss.on("connection", (ws, request) => {
  const id = new URL(request.url, "http://x").searchParams.get("id") ?? "-";
  ws.on("message", (data) => {
    const text = data.toString();
    if (text === "close please") ws.close(1000, "x");
    else ws.send("echo " + text);
  });
  ws.on("close", (code, reason) => console.log("server-close " + id + " " + code + " " + reason.toString()));
});
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "release") held.splice(0).forEach((release) => release());
});
process.on("SIGTERM", () => {
  wss.clients.forEach((client) => client.terminate());
  process.exit(0);
});
