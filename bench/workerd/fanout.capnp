# workerd config of the fan-out Durable Object (fanout.js). run.sh overrides the socket's address:
#   workerd serve fanout.capnp --socket-addr http=127.0.0.1:PORT
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "fanout", worker = .fanoutWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8788", http = (), service = "fanout") ],
);

const fanoutWorker :Workerd.Worker = (
  modules = [ (name = "fanout.js", esModule = embed "fanout.js") ],
  compatibilityDate = "2026-11-17",
  durableObjectNamespaces = [ (className = "Room", uniqueKey = "wspair-bench-room") ],
  durableObjectStorage = (inMemory = void),
  bindings = [ (name = "ROOMS", durableObjectNamespace = (className = "Room")) ],
);
