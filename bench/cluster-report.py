#!/usr/bin/env python3
"""The tables of bench/run-cluster.sh from its results.jsonl: python3 cluster-report.py RESULTS CLIENTS.

Per scenario (single node, three-node cluster) the median over rounds 2..N with min-max; the
ratios cluster/single paired per round; the added CPU per cross-node delivery: (CPU per delivery
of the cluster - of the single node) x CLIENTS / cross-node sockets (2/3 of CLIENTS: the sockets of
the two nodes that do not own the room), per round, then the median.
"""
import json
import statistics
import sys


def med(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "-"
    m = statistics.median(xs)
    return f"{fmt(m)} ({fmt(min(xs))}–{fmt(max(xs))})"


def fmt(v):
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def main():
    path, clients = sys.argv[1], int(sys.argv[2])
    cross = clients * 2 // 3
    rows = [json.loads(line) for line in open(path) if line.strip()]
    idle = {r["label"]: r["serverCpu"] for r in rows if r.get("scenario") == "idle"}
    legs = [r for r in rows if r.get("scenario") == "fanout"]
    errors = [r for r in legs if "error" in r]
    legs = [r for r in legs if "error" not in r]
    rounds = sorted({int(r["round"]) for r in legs})
    kept = [n for n in rounds if n != 1] or rounds
    by = {(r["label"], int(r["round"])): r for r in legs}

    print("| scenario | deliveries/s | p50 ms | p99 ms | p99.9 ms | server CPU µs per delivery | server CPU busy (cores) | client CPU | lost / out of order |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, name in (("single", f"one node, {clients} sockets"), ("cluster", f"three nodes, {clients // 3} sockets through each")):
        rs = [by[(label, n)] for n in kept if (label, n) in by]
        lost = sum(r.get("missing", 0) for r in legs if r["label"] == label)
        ooo = sum(r.get("outOfOrder", 0) for r in legs if r["label"] == label)
        print(f"| {name} | {med([r['deliveriesPerSec'] for r in rs])} | {med([r['p50Us'] / 1000 for r in rs])} | "
              f"{med([r['p99Us'] / 1000 for r in rs])} | {med([r['p999Us'] / 1000 for r in rs])} | "
              f"{med([r.get('serverCpuUsPerDelivery') for r in rs])} | {med([r.get('serverCpu') for r in rs])} | "
              f"{med([r.get('clientCpu') for r in rs])} | {lost} / {ooo} |")
    print()
    ratio = {"deliveries/s": [], "p99": [], "CPU per delivery": []}
    added = []
    for n in kept:
        s, c = by.get(("single", n)), by.get(("cluster", n))
        if not s or not c:
            continue
        ratio["deliveries/s"].append(c["deliveriesPerSec"] / s["deliveriesPerSec"])
        ratio["p99"].append(c["p99Us"] / s["p99Us"])
        ratio["CPU per delivery"].append(c["serverCpuUsPerDelivery"] / s["serverCpuUsPerDelivery"])
        a = (c["serverCpuUsPerDelivery"] - s["serverCpuUsPerDelivery"]) * clients / cross
        added.append(a)
    print("Paired per round, cluster / single (median, min–max):")
    print()
    print("| figure | cluster / single |")
    print("|---|---|")
    for k, v in ratio.items():
        print(f"| {k} | {med(v)} |")
    print(f"| added server CPU per cross-node delivery ({cross} of {clients} deliveries per message cross) | {med(added)} µs |")
    print()
    if idle:
        print("Idle CPU of the servers (5 s, nothing connected): " + ", ".join(f"{k} {v:.4f} cores" for k, v in idle.items()))
        print()
    print("Each round (the first is dropped above):")
    print()
    for n in rounds:
        s, c = by.get(("single", n)), by.get(("cluster", n))
        if s and c:
            a = (c["serverCpuUsPerDelivery"] - s["serverCpuUsPerDelivery"]) * clients / cross
            print(f"- round {n}: single {s['deliveriesPerSec']:,.0f}/s, {s['serverCpuUsPerDelivery']:.2f} µs/delivery, "
                  f"p99 {s['p99Us'] / 1000:.1f} ms (load {s.get('load1')}); cluster {c['deliveriesPerSec']:,.0f}/s, "
                  f"{c['serverCpuUsPerDelivery']:.2f} µs/delivery, p99 {c['p99Us'] / 1000:.1f} ms (load {c.get('load1')}); "
                  f"added {a:.2f} µs per cross-node delivery")
    for r in errors:
        print(f"- failed leg: {r['label']} round {r['round']}: {r['error']}")


if __name__ == "__main__":
    main()
