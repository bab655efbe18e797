# workerd config of the echo Worker. run.sh overrides the socket's address:
#   workerd serve echo.capnp --socket-addr http=127.0.0.1:PORT
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "echo", worker = .echoWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "echo") ],
);

const echoWorker :Workerd.Worker = (
  modules = [ (name = "echo.js", esModule = embed "echo.js") ],
  compatibilityDate = "2026-11-17",
);
