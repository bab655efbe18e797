#!/usr/bin/env node
// Starts the peer Worker in workerd, bound to 127.0.0.1 only: objects.js (the objects
// peer, /objects/NAME/..., with its Durable Object class ObjectsPeer) as the main
// module, which hands every other path to peer.js (the conformance peer: /peer, /log).
//
//   node start-peer.mjs [--port N] [--compat-date YYYY-MM-DD]
//                       [--compat-flags a,b,...] [--worker FILE] [--verbose]
//
// --port 0 (the default) picks a free port. --compat-date defaults to the
// installed workerd's own date (capped at today's UTC date: workerd refuses a
// date in the future, or newer than its binary supports). --compat-flags may be
// repeated. --worker FILE runs that single module instead (no Durable Objects).
// The config is written to a fresh temp dir together with copies of the
// modules. Once workerd answers HTTP on the port this prints exactly one
// line on stdout:
//
//   listening on ws://127.0.0.1:N
//
// workerd's own output goes to stderr. SIGTERM/SIGINT kill workerd, remove the
// temp dir and exit 0. If workerd exits by itself, this exits with its code
// (or 1).
//
// Durable Objects: one namespace (class ObjectsPeer, binding OBJECTS) with
// in-memory storage and preventEviction = true, so an object is never evicted
// or hibernated while workerd runs (the objects peer protocol requires it).

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function usage(msg) {
  if (msg) process.stderr.write(`start-peer: ${msg}\n`);
  process.stderr.write(
    "usage: node start-peer.mjs [--port N] [--compat-date YYYY-MM-DD] " +
      "[--compat-flags a,b] [--worker FILE] [--verbose]\n",
  );
  process.exit(2);
}

const args = { port: 0, date: null, flags: [], worker: null, verbose: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const next = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === "--port") args.port = Number(next());
  else if (a === "--compat-date") args.date = next();
  else if (a === "--compat-flags") args.flags.push(...next().split(",").map((s) => s.trim()).filter(Boolean));
  else if (a === "--worker") args.worker = path.resolve(next());
  else if (a === "--verbose") args.verbose = true;
  else if (a === "-h" || a === "--help") usage();
  else usage(`unknown argument ${a}`);
}
if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) usage("bad --port");
if (args.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) usage("bad --compat-date");
for (const f of args.flags) if (!/^[A-Za-z0-9_]+$/.test(f)) usage(`bad flag ${f}`);

const workerdPkg = require("workerd");
const workerdBin = workerdPkg.default;
if (args.date === null) {
  const today = new Date().toISOString().slice(0, 10);
  args.date = workerdPkg.compatibilityDate < today ? workerdPkg.compatibilityDate : today;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Ready when an HTTP request is answered with 200 (the peer's /log endpoint;
// for a custom --worker any 2xx-4xx answer counts). A bare TCP connect is not
// enough: workerd binds the socket before it rejects a bad config.
function isReady(port) {
  return new Promise((resolve) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: "/log?id=start-peer-ready-probe", timeout: 1000 },
      (res) => {
        res.resume();
        resolve(res.statusCode >= 200 && res.statusCode < 500);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

const port = args.port === 0 ? await freePort() : args.port;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wspair-workerd-"));
const flagList = args.flags.map((f) => JSON.stringify(f)).join(", ");
let modules;
let objects = "";
if (args.worker !== null) {
  fs.copyFileSync(args.worker, path.join(dir, "worker.js"));
  modules = `(name = "worker.js", esModule = embed "worker.js")`;
} else {
  for (const file of ["objects.js", "peer.js", "values.js"]) {
    fs.copyFileSync(path.join(here, file), path.join(dir, file));
  }
  modules = `(name = "objects.js", esModule = embed "objects.js"),
    (name = "peer.js", esModule = embed "peer.js"),
    (name = "values.js", esModule = embed "values.js")`;
  objects = `
  durableObjectNamespaces = [
    (className = "ObjectsPeer", uniqueKey = "wspair-objects-peer", preventEviction = true),
  ],
  durableObjectStorage = (inMemory = void),
  bindings = [ (name = "OBJECTS", durableObjectNamespace = (className = "ObjectsPeer")) ],`;
}
fs.writeFileSync(
  path.join(dir, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "peer", worker = .peerWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "peer") ],
);

const peerWorker :Workerd.Worker = (
  modules = [
    ${modules},
  ],
  compatibilityDate = "${args.date}",
  compatibilityFlags = [ ${flagList} ],${objects}
);
`,
);

const wdArgs = ["serve", path.join(dir, "config.capnp"), "config"];
if (args.verbose) wdArgs.push("--verbose");
const child = spawn(workerdBin, wdArgs, { stdio: ["ignore", "inherit", "inherit"] });

let stopping = false;
function cleanup() {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {}
}
child.on("exit", (code, signal) => {
  cleanup();
  if (stopping) process.exit(0);
  process.stderr.write(`start-peer: workerd exited (code ${code}, signal ${signal})\n`);
  process.exit(code || 1);
});
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(sig, () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }, 3000).unref();
  });
}
process.on("exit", () => {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      child.kill("SIGKILL");
    } catch {}
  }
});

const deadline = Date.now() + 30000;
while (!(await isReady(port))) {
  if (stopping || child.exitCode !== null) break;
  if (Date.now() > deadline) {
    process.stderr.write("start-peer: workerd did not open the port within 30 s\n");
    stopping = true;
    child.kill("SIGKILL");
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
// Give a config error a moment to surface before declaring success.
await new Promise((r) => setTimeout(r, 100));
if (!stopping && child.exitCode === null) {
  process.stderr.write(
    `start-peer: workerd ${workerdPkg.version} compatibilityDate=${args.date} flags=[${args.flags.join(",")}]\n`,
  );
  process.stdout.write(`listening on ws://127.0.0.1:${port}\n`);
}
