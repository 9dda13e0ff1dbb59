#!/usr/bin/env python3
"""Summarises a load/edge-ab session directory: one row per twin run (client figures from the twin's summary,
server figures from nginx's access log, CPU from the samples), as JSON (flat rows) and a markdown table.

    load/edge-ab-report.py SESSION_DIR OUT.json
"""
import glob, json, os, sys

d, out = sys.argv[1], sys.argv[2]
meta = json.load(open(os.path.join(d, "meta.json"))) if os.path.exists(os.path.join(d, "meta.json")) else {}
rows = []
for summary in sorted(glob.glob(os.path.join(d, "*.summary.json")), key=os.path.getmtime):
    tag = os.path.basename(summary)[: -len(".summary.json")]
    scenario, variant, _ = tag.split("-")
    s = json.load(open(summary))
    acc = json.load(open(os.path.join(d, tag + ".access.json")))
    st, oc = s["statuses"], s["outcomes"]
    seconds = s["requests"] / s["throughputRps"] if s["throughputRps"] else None
    useful = oc["ok"] + oc["already_issued"] + oc["sold_out"]
    n5xx = sum(v for k, v in st.items() if k[:1] == "5")  # 503 included (also counted apart)
    n429 = sum(v for k, v in st.items() if k.startswith("429"))
    cpu = {}
    samples = [json.loads(l) for l in open(os.path.join(d, tag + ".samples.jsonl"))]
    busy = [x for x in samples if x["t"] >= samples[0]["t"]]
    if len(busy) > 1:
        a, b = busy[0], busy[-1]
        dt = b["t"] - a["t"]
        for k in b["proc"]:
            if k in a["proc"]:
                cpu[k] = round((b["proc"][k]["cpu_s"] - a["proc"][k]["cpu_s"]) / dt * 100, 1)
    rows.append({
        "run": tag, "scenario": scenario, "nginx_conf": variant, "started": s["startedAt"],
        "target_rps": s["targetRps"], "seconds": round(seconds, 1) if seconds else None,
        "requests": s["requests"], "client_p50_ms": s["latencyMs"]["p50"], "client_p95_ms": s["latencyMs"]["p95"],
        "client_p99_ms": s["latencyMs"]["p99"], "useful": useful,
        "useful_per_s": round(useful / seconds, 1) if seconds else None,
        "throttled_429": n429, "unavailable_503": oc["unavailable"], "server_5xx": n5xx, "no_answer": oc["network"],
        "statuses": st,
        "nginx_useful_p50_ms": acc.get("useful", {}).get("p50_ms"), "nginx_useful_p95_ms": acc.get("useful", {}).get("p95_ms"),
        "nginx_useful_p99_ms": acc.get("useful", {}).get("p99_ms"), "nginx_429_p50_ms": acc.get("refused_429", {}).get("p50_ms"),
        "nginx_429_p99_ms": acc.get("refused_429", {}).get("p99_ms"), "nginx_edge_429": acc.get("edge_429"),
        "nginx_app_429": acc.get("app_429"), "nginx_statuses": acc.get("statuses"),
        "apps_cpu_pct": round(sum(v for k, v in cpu.items() if k.startswith("app")), 1),
        "loadgen_cpu_pct": cpu.get("loadgen"), "nginx_cpu_pct": cpu.get("nginx"),
        "box_load1_max": max(x.get("load1", 0) for x in samples),
    })
json.dump({**meta, "rows": rows}, open(out, "w"), indent=1)
print("| run | nginx.conf | arrivals/s | s | client p50 / p95 / p99 ms | useful/s | 429 | 5xx | no answer | nginx: useful p50 / p99 ms | nginx: 429 p99 ms | edge / app 429 | apps CPU % |")
print("|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|---|---:|")
for r in rows:
    print(f"| {r['run']} | {r['nginx_conf']} | {r['target_rps']} | {r['seconds']} | {r['client_p50_ms']} / {r['client_p95_ms']} / "
          f"{r['client_p99_ms']} | {r['useful_per_s']} | {r['throttled_429']:,} | {r['server_5xx']:,} | {r['no_answer']:,} | "
          f"{r['nginx_useful_p50_ms']} / {r['nginx_useful_p99_ms']} | {r['nginx_429_p99_ms']} | {r['nginx_edge_429']:,} / "
          f"{r['nginx_app_429']:,} | {r['apps_cpu_pct']} |")
