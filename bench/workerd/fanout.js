// The fan-out Durable Object for the objects rows, the same as the bench server's BenchRoom:
// every socket is accepted with ctx.acceptWebSocket(ws, ["room"]); a message is sent to every
// socket of the object (getWebSockets(), then send to each); a Close is answered with its code.
// Every path reaches the object named "room".
export class Room {
  constructor(ctx) {
    this.ctx = ctx;
  }

  async fetch(request) {
    if (request.headers.get("Upgrade") !== "websocket") {
      return new Response("Expected Upgrade: websocket", { status: 426 });
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, ["room"]);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws, message) {
    for (const member of this.ctx.getWebSockets()) {
      member.send(message);
    }
  }

  webSocketClose(ws, code) {
    if (code !== 1005 && code !== 1006) ws.close(code, "bye");
  }
}

export default {
  async fetch(request, env) {
    return env.ROOMS.get(env.ROOMS.idFromName("room")).fetch(request);
  },
};
