#!/usr/bin/env python3
"""Summarises load/per-core's JSON lines: the median of each figure over the rounds, flat numeric fields (the load
suite's report includes them as they are), and a table. Modes: surge-agent = Surge as the stage starts it (OTel agent
on), surge = without the agent, bare = load/bare-app."""
import datetime, json, os, statistics, sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
out_file, commit, app_cpu, load_cpu, conn, cold, warm = sys.argv[2:9]
prefix = {"surge-agent-base": "base", "surge-base": "base_noagent", "surge-agent": "surge", "surge": "surge_noagent",
          "surge-agent-aot": "surge_aot", "surge-aot": "surge_aot_noagent", "bare": "bare"}
PHASES = ("cold", "winners", "repeats", "soldout", "signup", "flood")


def median(mode, phase, field):
    values = [r[field] for r in rows if r["mode"] == mode and r["phase"] == phase and field in r]
    return round(statistics.median(values), 4) if values else None


result = {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": commit,
          "app_cpu": int(app_cpu), "load_cpu": int(load_cpu), "connections": int(conn), "cold_window": cold,
          "warm_window": warm, "rounds": max(r["round"] for r in rows)}
modes = [m for m in prefix if any(r["mode"] == m for r in rows)]
for mode in modes:
    p = prefix[mode]
    for phase in ("warmup", "signupwarm") + PHASES:
        for field, name in (("rps", "rps"), ("ok_rps", "ok_rps"), ("cpu_ms_per_req", "cpu_ms"), ("p99_ms", "p99_ms"),
                            ("non_2xx", "non_2xx"), ("socket_errors", "socket_errors")):
            if phase in ("warmup", "signupwarm") and field != "rps":
                continue
            result[f"{p}_{phase}_{name}"] = median(mode, phase, field)
    for field in ("start_to_ready_s", "start_cpu_s", "peak_rss_mb", "threads", "young_gcs", "young_gc_s", "full_gcs",
                  "full_gc_s", "metaspace_mb"):
        result[f"{p}_{field}"] = median(mode, "start", field)
    result[f"{p}_peak_rss_mb_max"] = max((r["peak_rss_mb"] for r in rows if r["mode"] == mode and r["phase"] == "start"), default=None)


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


g = result.get
if "bare" in modes:
    for p in ("surge", "surge_noagent", "surge_aot", "surge_aot_noagent", "base", "base_noagent"):
        if f"{p}_winners_rps" in result:
            suffix = p[len("surge"):]
            result[f"ratio_winners{suffix}"] = ratio(g(f"{p}_winners_rps"), g("bare_winners_rps"))
            result[f"ratio_repeats{suffix}"] = ratio(g(f"{p}_repeats_rps"), g("bare_repeats_rps"))
            # the same ratio from CPU per request: what one core can serve, least distorted by a busy box
            result[f"ratio_winners_cpu{suffix}"] = ratio(g("bare_winners_cpu_ms"), g(f"{p}_winners_cpu_ms"))
            result[f"ratio_repeats_cpu{suffix}"] = ratio(g("bare_repeats_cpu_ms"), g(f"{p}_repeats_cpu_ms"))
            result[f"ratio_soldout_cpu{suffix}"] = ratio(g("bare_soldout_cpu_ms"), g(f"{p}_soldout_cpu_ms"))
for p, suffix in (("surge", ""), ("surge_noagent", "_noagent"), ("surge_aot", "_aot"),
                  ("surge_aot_noagent", "_aot_noagent")):
    if f"{p}_winners_rps" in result:
        result[f"cold_ratio{suffix}"] = ratio(g(f"{p}_cold_rps"), g(f"{p}_winners_rps"))
if "surge_winners_rps" in result:
    result["start_to_ready_s"] = g("surge_start_to_ready_s")
    result["start_cpu_s"] = g("surge_start_cpu_s")
    result["peak_rss_mb"] = g("surge_peak_rss_mb_max")
if "surge_winners_cpu_ms" in result and "surge_noagent_winners_cpu_ms" in result:
    for phase in ("cold", "winners", "repeats"):
        a, b = g(f"surge_{phase}_cpu_ms"), g(f"surge_noagent_{phase}_cpu_ms")
        result[f"agent_overhead_{phase}"] = round(a / b - 1, 3) if a and b else None
for a, b, name in (("surge_aot", "surge_aot_noagent", "agent_overhead_aot"),):
    for phase in ("cold", "winners"):
        x, y = g(f"{a}_{phase}_cpu_ms"), g(f"{b}_{phase}_cpu_ms")
        if x and y:
            result[f"{name}_{phase}"] = round(x / y - 1, 3)
# a before/after of two builds run alike (BASELINE_JAR): this build's CPU per request over the baseline's, per phase
for base, this, suffix in (("base", "surge", ""), ("base_noagent", "surge_noagent", "_noagent")):
    for phase in PHASES:
        x, y = g(f"{this}_{phase}_cpu_ms"), g(f"{base}_{phase}_cpu_ms")
        if x and y:
            result[f"ab_{phase}_cpu{suffix}"] = round(x / y, 3)
        x, y = g(f"{this}_{phase}_rps"), g(f"{base}_{phase}_rps")
        if x and y:
            result[f"ab_{phase}_rps{suffix}"] = round(x / y, 3)
# signup against the hash-bound ceiling of one core (goal 7): accepted signups/s over hashes per CPU-second at the
# same cost, and the same from CPU per request (what the hash costs over what a whole signup costs); measured at the
# connections the budget serves (signup), and what a flood at CONN connections still gets through (flood)
hc = os.environ.get("HASH_CEILING")
if hc and os.path.exists(hc):
    ceiling = json.load(open(hc))
    cost = os.environ.get("SIGNUP_COST", "4")
    result["signup_cost"] = int(cost)
    result["hash_ceiling_per_cpu_s"] = ceiling.get(f"bcrypt{cost}_hashes_per_cpu_s")
    result["hash_cpu_ms"] = ceiling.get(f"bcrypt{cost}_cpu_ms_per_hash")
    for p, suffix in (("surge", ""), ("surge_noagent", "_noagent"), ("base", "_base")):
        result[f"signup_vs_ceiling{suffix}"] = ratio(g(f"{p}_signup_ok_rps"), result["hash_ceiling_per_cpu_s"])
        result[f"signup_vs_ceiling_cpu{suffix}"] = ratio(result["hash_cpu_ms"], g(f"{p}_signup_cpu_ms"))
        result[f"signup_vs_ceiling_flood{suffix}"] = ratio(g(f"{p}_flood_ok_rps"), result["hash_ceiling_per_cpu_s"])
if os.environ.get("AOT_CACHE_MB"):
    result["aot_cache_mb"] = int(os.environ["AOT_CACHE_MB"])
result["loadavg_1m_max"] = max(r.get("loadavg_1m", 0) for r in rows)
# flat fields only (the load suite's report includes every field); the raw phases go beside them
runs_file = out_file[: -len(".json")] + ".runs.json" if out_file.endswith(".json") else out_file + ".runs.json"
with open(out_file, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
with open(runs_file, "w") as f:
    json.dump(rows, f, indent=1)
    f.write("\n")

print(f"per-core: instance on CPU {app_cpu}, wrk on CPU {load_cpu}, {conn} connections, median of {result['rounds']} "
      f"round(s); box load average up to {result['loadavg_1m_max']} during the run")
print(f"{'mode':14s} {'phase':8s} {'rps':>8s} {'ok rps':>8s} {'cpu ms/req':>10s} {'p99 ms':>8s} {'non-2xx':>8s}")
for mode in modes:
    p = prefix[mode]
    for phase in PHASES:
        if g(p + '_' + phase + '_rps') is None:
            continue
        print(f"{mode:14s} {phase:8s} {g(p + '_' + phase + '_rps') or 0:8.0f} {g(p + '_' + phase + '_ok_rps') or 0:8.0f} "
              f"{g(p + '_' + phase + '_cpu_ms') or 0:10.3f} "
              f"{g(p + '_' + phase + '_p99_ms') or 0:8.1f} {g(p + '_' + phase + '_non_2xx') or 0:8.0f}")
    print(f"{mode:14s} start    ready in {g(p + '_start_to_ready_s')} s, {g(p + '_start_cpu_s')} CPU s, "
          f"peak RSS {g(p + '_peak_rss_mb_max')} MB, {g(p + '_threads')} threads, "
          f"metaspace {g(p + '_metaspace_mb')} MB, "
          f"GC young {g(p + '_young_gcs')} ({g(p + '_young_gc_s')} s) full {g(p + '_full_gcs')} ({g(p + '_full_gc_s')} s)")
for key in result:
    if key.startswith(("ratio_", "cold_ratio", "agent_overhead", "aot_", "ab_", "signup_vs", "hash_")):
        print(f"{key:26s} {result[key]}")
print(f"written to {out_file} (raw phases: {runs_file})")
