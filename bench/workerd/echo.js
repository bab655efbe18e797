// The echo Worker for the comparison: the same echo as bench's RawEcho and EchoRoute.
export default {
  async fetch(request) {
    if (request.headers.get("Upgrade") !== "websocket") {
      return new Response("Expected Upgrade: websocket", { status: 426 });
    }
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.binaryType = "arraybuffer";
    server.addEventListener("message", (event) => {
      server.send(event.data);
    });
    return new Response(null, { status: 101, webSocket: client });
  },
};
