// A client on Node's `ws` package, for the integration tests: connects to the URL given,
// sends one message, then closes with 4000 "node-bye", and prints one JSON line with what it saw.
import WebSocket from "ws";

const url = process.argv[2];
const ws = new WebSocket(url);
const seen = { received: [], closeCode: null, closeReason: null };
ws.on("open", () => ws.send("from node"));
ws.on("message", (data, isBinary) => {
  seen.received.push(isBinary ? "binary:" + data.length : data.toString());
  ws.close(4000, "node-bye");
});
ws.on("close", (code, reason) => {
  seen.closeCode = code;
  seen.closeReason = reason.toString();
  console.log(JSON.stringify(seen));
});
ws.on("error", (error) => {
  console.log(JSON.stringify({ error: String(error) }));
  process.exitCode = 1;
});
