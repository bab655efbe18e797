# workerd config for the conformance peer (peer.js; its header describes the protocol).
#
# Direct use (from this directory, after `npm ci`):
#   npx workerd serve peer.capnp config
# This template binds 127.0.0.1:8787 with compatibility date 2026-11-17 (AUTO
# reply to close). start-peer.mjs writes an equivalent config with a chosen
# port, compatibility date and flags; prefer it.
#
# workerd refuses a compatibilityDate newer than today (UTC) or newer than the
# binary supports ("... the newest date supported by this server binary is ...").

using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "peer", worker = .peerWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "peer") ],
);

const peerWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "peer.js") ],
  compatibilityDate = "2026-11-17",
  compatibilityFlags = [],
);
