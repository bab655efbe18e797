# workerd config for the peer Worker: objects.js (the objects peer, with its Durable Object
# class ObjectsPeer; its header describes the protocol) as the main module; it hands every path
# outside /objects/ to peer.js (the conformance peer; its header describes the protocol).
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
  modules = [
    (name = "objects.js", esModule = embed "objects.js"),
    (name = "peer.js", esModule = embed "peer.js"),
    (name = "values.js", esModule = embed "values.js"),
  ],
  compatibilityDate = "2026-11-17",
  compatibilityFlags = [],
  # In-memory objects that are never evicted (nor hibernated) while workerd runs.
  durableObjectNamespaces = [
    (className = "ObjectsPeer", uniqueKey = "wspair-objects-peer", preventEviction = true),
  ],
  durableObjectStorage = (inMemory = void),
  bindings = [ (name = "OBJECTS", durableObjectNamespace = (className = "ObjectsPeer")) ],
);
