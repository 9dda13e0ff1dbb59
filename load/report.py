#!/usr/bin/env python3
"""Writes docs/capacity.md and its PNG charts (gnuplot) from one batch of load runs (load/report makes the batch).

    load/report.py capacity STRESS_SUMMARY.json      the measured capacity (correct answers/s) from a stress run
    load/report.py generate BATCH_DIR [DOC]          BATCH_DIR/meta.json, ceilings.json, runs/<scenario>/{summary.json,
                                                     samples.jsonl}; charts go to docs/capacity/, data to docs/capacity/data/
"""
import glob, json, os, re as _re, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goals  # noqa: E402 (beside this script, not a package)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = ("ok", "sold_out", "already_issued")
CLASSES = ["ok", "sold_out", "already_issued", "conflict_other", "throttled", "unavailable", "client_error",
           "server_error", "network"]
ORDER = ["load", "peak", "stress", "endurance", "overload", "abuser", "signup", "mixed"]


def load(path):
    with open(path) as f:
        return json.load(f)


def samples(path):
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    pass
    return rows


def good(row):
    return sum(row.get(c, 0) for c in GOOD)


def capacity(summary, p95_limit=500, window=5):
    """The measured capacity: the highest mean of correct answers per second over `window` seconds of a stress run
    (capacity_rps), and the same restricted to windows whose every second kept p95 under the limit (within_slo_rps)."""
    ts = summary.get("timeSeries", [])
    best, best_any = 0.0, 0.0
    for i in range(0, max(0, len(ts) - window + 1)):
        w = ts[i:i + window]
        mean = sum(good(r) for r in w) / window
        best_any = max(best_any, mean)
        if all((r.get("p95") or 10 ** 9) < p95_limit for r in w):
            best = max(best, mean)
    return {"capacity_rps": max(1, round(best_any)), "within_slo_rps": round(best), "within_slo": best >= best_any * 0.9}


# ---------------------------------------------------------------------------------------------------------------
# charts

def gnuplot(script):
    """Draws a chart; a panel without data (a metric no instance exported in that run) is reported, not fatal."""
    p = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if p.returncode:
        print(f"[report] gnuplot: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else 'failed'}", file=sys.stderr)


def chart_traffic(name, summary, png, tmp):
    ts = summary.get("timeSeries", [])
    if not ts:
        return False
    t0 = ts[0]["t"]
    dat = os.path.join(tmp, f"{name}-traffic.dat")
    with open(dat, "w") as f:
        for r in ts:
            f.write(f"{r['t'] - t0} {r['requests']} {good(r)} {r.get('throttled', 0)} {r.get('unavailable', 0)} "
                    f"{r.get('server_error', 0) + r.get('network', 0)} {r.get('p50') or 'NaN'} {r.get('p95') or 'NaN'} "
                    f"{r.get('p99') or 'NaN'}\n")
    gnuplot(f"""
set terminal png small size 720,500
set output '{png}'
set multiplot layout 2,1 title '{name}: answers per second and latency (Gatling twin, native stage)'
set grid; set key top left horizontal
set ylabel 'answers/s'
plot '{dat}' u 1:2 w l lw 2 t 'all', '' u 1:3 w l lw 2 t 'correct (201/409 expected)', '' u 1:4 w l t '429', '' u 1:5 w l t '503', '' u 1:6 w l t '5xx+network'
set ylabel 'ms'; set xlabel 'seconds'; set logscale y
plot '{dat}' u 1:7 w l lw 2 t 'p50', '' u 1:8 w l lw 2 t 'p95', '' u 1:9 w l t 'p99'
unset multiplot
""")
    return True


def chart_resources(name, rows, png, tmp):
    if len(rows) < 2:
        return False
    apps = sorted({a for r in rows for a in r.get("proc", {}) if a.startswith("app")})
    t0 = rows[0]["t"]
    dat = os.path.join(tmp, f"{name}-res.dat")
    with open(dat, "w") as f:
        for prev, r in zip(rows, rows[1:]):
            dt = max(0.1, r["t"] - prev["t"])
            cols = [f"{r['t'] - t0:.1f}"]
            for a in apps:
                p, q = r["proc"].get(a), prev["proc"].get(a)
                cols.append(f"{p['rss_mb']:.1f}" if p else "NaN")
                cols.append(f"{100 * (p['cpu_s'] - q['cpu_s']) / dt:.1f}" if p and q else "NaN")
            pending = [v.get("hikari_pending") for v in r.get("apps", {}).values() if v.get("hikari_pending") is not None]
            inflight = [v.get("admission_inflight") for v in r.get("apps", {}).values() if v.get("admission_inflight") is not None]
            cols += [f"{r['redis_used_mb']:.2f}" if r.get("redis_used_mb") is not None else "NaN",
                     f"{r['kafka_lag']:.0f}" if r.get("kafka_lag") is not None else "NaN",
                     f"{sum(pending):.0f}" if pending else "NaN", f"{sum(inflight):.0f}" if inflight else "NaN"]
            f.write(" ".join(cols) + "\n")
    n = len(apps)
    rss = ", ".join(f"'{dat}' u 1:{2 + 2 * i} w l t '{a}'" for i, a in enumerate(apps))
    cpu = ", ".join(f"'{dat}' u 1:{3 + 2 * i} w l t '{a}'" for i, a in enumerate(apps))
    base = 2 + 2 * n
    gnuplot(f"""
set terminal png small size 720,500
set output '{png}'
set multiplot layout 2,2 title '{name}: instances and backing services (sampled every 2 s)'
set grid; set key top left horizontal font ',8'
set ylabel 'RSS MB'; plot {rss}
set ylabel 'CPU % of one core'; plot {cpu}
set yrange [0:*]; set y2range [0:*]
set ylabel 'Redis used MB'; set y2label 'Kafka lag'; set y2tics; set xlabel 'seconds'
plot '{dat}' u 1:{base} w l lw 2 t 'Redis used MB', '' u 1:{base + 1} axes x1y2 w l lw 2 t 'Kafka consumer lag'
set ylabel 'Hikari pending (sum)'; set y2label 'admission in flight (sum)'
plot '{dat}' u 1:{base + 2} w l lw 2 t 'Hikari pending', '' u 1:{base + 3} axes x1y2 w l t 'in flight'
unset multiplot
""")
    return True


def chart_outcomes(summaries, png, tmp):
    dat = os.path.join(tmp, "outcomes.dat")
    with open(dat, "w") as f:
        f.write("scenario " + " ".join(CLASSES) + "\n")
        for name, s in summaries:
            total = max(1, sum(s["outcomes"].values()))
            f.write(name + " " + " ".join(f"{100 * s['outcomes'].get(c, 0) / total:.2f}" for c in CLASSES) + "\n")
    cols = ", ".join(f"'' u {i + 2} t '{c}'" for i, c in enumerate(CLASSES)).replace("'' u 2", f"'{dat}' u 2:xtic(1)", 1)
    gnuplot(f"""
set terminal png small size 720,360
set output '{png}'
set title 'Outcome classes per scenario (% of answers)'
set style data histograms; set style histogram rowstacked; set style fill solid 0.8 border -1; set boxwidth 0.7
set key outside right; set yrange [0:100]; set ylabel '%'; set grid y
plot {cols}
""")


# ---------------------------------------------------------------------------------------------------------------
# the document

def fmt(v, nd=0):
    if v is None:
        return "—"
    if isinstance(v, float) and nd == 0:
        return f"{v:,.0f}"
    if isinstance(v, (int,)):
        return f"{v:,}"
    return f"{v:,.{nd}f}"


def resource_stats(rows):
    apps = sorted({a for r in rows for a in r.get("proc", {}) if a.startswith("app")})
    out = {"rss_peak": max((r["proc"][a]["rss_mb"] for r in rows for a in apps if a in r["proc"]), default=None)}
    if len(rows) > 1:
        dt = rows[-1]["t"] - rows[0]["t"]
        cpu = {}
        for name in rows[-1]["proc"]:
            if name in rows[0]["proc"]:
                cpu[name] = 100 * (rows[-1]["proc"][name]["cpu_s"] - rows[0]["proc"][name]["cpu_s"]) / max(dt, 0.1)
        out["cpu"] = cpu
        out["stage_pct"] = sum(v for k, v in cpu.items() if k != "loadgen")
        out["app_cpu_s"] = sum(rows[-1]["proc"][k]["cpu_s"] - rows[0]["proc"][k]["cpu_s"]
                               for k in cpu if k.startswith("app"))
        h0, h1 = rows[0].get("host"), rows[-1].get("host")
        if h0 and h1:
            out["host_busy_pct"] = 100 * (h1["busy_s"] - h0["busy_s"]) / max(dt, 0.1)
            out["other_pct"] = max(0.0, out["host_busy_pct"] - out["stage_pct"] - cpu.get("loadgen", 0))
        out["seconds"] = dt
    out["redis_peak"] = max((r["redis_used_mb"] for r in rows if r.get("redis_used_mb") is not None), default=None)
    out["lag_peak"] = max((r["kafka_lag"] for r in rows if r.get("kafka_lag") is not None), default=None)
    pend = [sum(v.get("hikari_pending") or 0 for v in r.get("apps", {}).values()) for r in rows if r.get("apps")]
    out["hikari_pending_peak"] = max(pend, default=None)
    loads = [r["load1"] for r in rows if "load1" in r]
    out["load1"] = statistics.median(loads) if loads else None
    return out


def verdict_lines(name, s):
    lines = []
    for label, v in s.get("slo", {}).items():
        if v.get("met"):
            continue
        actual, limit = v.get("actual"), v.get("limit")
        if actual is None:
            lines.append(f"- **{name}**: {label} — not measured (no such answers)")
            continue
        if "rate" in label or "checks" in label:
            how = f"{actual * 100:.2f} % against {limit * 100:.2f} %"
        else:
            how = f"{actual:,.0f} ms against {limit:,.0f} ms ({actual / limit:.1f}x)" if limit else f"{actual}"
        lines.append(f"- **{name}**: {label} — not met: {how}")
    return lines


def generate(batch, doc):
    meta = load(os.path.join(batch, "meta.json"))
    ceil = load(os.path.join(batch, "ceilings.json")) if os.path.exists(os.path.join(batch, "ceilings.json")) else {}
    out_dir = os.path.join(os.path.dirname(doc), "capacity")
    data_dir = os.path.join(out_dir, "data")
    os.makedirs(data_dir, exist_ok=True)
    for old in glob.glob(os.path.join(out_dir, "*.png")):
        os.remove(old)
    runs = {}
    for d in sorted(glob.glob(os.path.join(batch, "runs", "*"))):
        if os.path.exists(os.path.join(d, "summary.json")):
            s = load(os.path.join(d, "summary.json"))
            runs[s["scenario"]] = (s, samples(os.path.join(d, "samples.jsonl")), d)
    names = [n for n in ORDER if n in runs] + sorted(n for n in runs if n not in ORDER)
    tmp = tempfile.mkdtemp(prefix="surge-report-")
    charts = {}
    for n in names:
        s, rows, d = runs[n]
        ts = s.get("timeSeries", [])
        if ts:  # the samples of the load itself: setup (signups, logins) is not part of the figures
            rows = [r for r in rows if ts[0]["t"] - 1 <= r["t"] <= ts[-1]["t"] + 2]
            runs[n] = (s, rows, d)
        shutil.copy(os.path.join(d, "summary.json"), os.path.join(data_dir, f"{n}.json"))
        with open(os.path.join(data_dir, f"{n}-samples.jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
        charts[n] = (chart_traffic(n, s, os.path.join(out_dir, f"{n}-traffic.png"), tmp),
                     chart_resources(n, rows, os.path.join(out_dir, f"{n}-resources.png"), tmp))
    if names:
        chart_outcomes([(n, runs[n][0]) for n in names], os.path.join(out_dir, "outcomes.png"), tmp)
    for extra in ("meta.json", "ceilings.json"):
        if os.path.exists(os.path.join(batch, extra)):
            shutil.copy(os.path.join(batch, extra), os.path.join(data_dir, extra))
    k6_node = sorted(glob.glob(os.path.join(batch, "k6-node-*.json")))
    os.makedirs(os.path.join(data_dir, "k6-node"), exist_ok=True)
    for f in k6_node:
        if os.path.dirname(f) != os.path.join(data_dir, "k6-node"):
            shutil.copy(f, os.path.join(data_dir, "k6-node", os.path.basename(f)))
    # the full batches only (load/per-core's default name, per-core-<date>.json): an A/B or a subset of its phases
    # (per-core-signup-..., per-core-heap128-ab-...) has no bare app to compare against; the raw phases beside them
    # are per-core-<date>.runs.json
    per_core = sorted(f for f in glob.glob(os.path.join(ROOT, "docs", "benchmarks", "per-core-*.json"))
                      if _re.fullmatch(r"per-core-\d{4}-\d{2}-\d{2}\.json", os.path.basename(f)))
    pc = load(per_core[-1]) if per_core else None

    L = []
    w = L.append
    w("# Measured capacity")
    w("")
    w(f"Generated by `load/report` on {meta['finished_at']} from one batch of runs on this machine; rerun it to"
      " regenerate this file, its charts (`docs/capacity/*.png`) and data (`docs/capacity/data/`). The hand-written"
      " history of earlier sessions is in [capacity-history.md](capacity-history.md).")
    w("")
    w("## What ran, where")
    w("")
    w(f"- machine: {meta['cpu_model']}, {meta['cores']} cores, {meta['memory_gb']} GB RAM, {meta['os']}; load"
      f" generator (the Gatling twin) **on the same box**; median 1-minute load average during the runs"
      f" {fmt(meta.get('load1_median'), 1)} — eight JVMs of the stage and the load generator share its cores, so"
      " absolute figures are low and noisy; ratios measured side by side in this batch are the figures to trust"
      + (f"; {meta['box_note']}" if meta.get("box_note") else ""))
    w(f"- commit `{meta['commit']}` ({meta['commit_subject']}){' with uncommitted changes' if meta.get('dirty') else ''}")
    w(f"- stage: `stage/run up`, {meta['instances']} instances behind nginx, 3 Kafka brokers, MariaDB, Redis, WireMock;"
      f" bcrypt cost {meta['password_hash_cost']}; OTel agent {meta['otel_agent']}")
    w(f"- JVM flags of each instance (`stage/jvm.options`): `{meta['jvm_flags']}`")
    # the batch's own PASSWORD_HASH_COST (from the caller's environment) wins over the file's, as in stage/run
    app_env = _re.sub(r"PASSWORD_HASH_COST=\d+", f"PASSWORD_HASH_COST={meta['password_hash_cost']}", meta["app_env"])
    w(f"- instance settings (`stage/app.env`, with this batch's overrides): {app_env}")
    w(f"- scale knobs: durations x{meta['duration_scale']} (endurance x{meta['endurance_scale']}), rates"
      f" x{meta['rate_scale']}; the measured capacity used for `peak` and `overload`: {fmt(meta.get('capacity_rps'))}"
      f" correct answers/s (the best 5 s of `stress`; {fmt(meta.get('capacity_within_slo_rps'))}/s in the best 5 s whose p95 stayed under 500 ms)")
    w(f"- setup through the API with the admin credentials: per-IP signup/login buckets raised for the run"
      f" (one load generator stands for thousands of clients), members signed up and logged in before the clock"
      f" starts, wallet money by the admin credit (`POST /api/admin/members/{{id}}/wallet/credit`) where deployed,"
      f" else the member self-charge: this batch used {meta.get('credit_via', 'see mixed')}")
    w(f"- the same scenarios for a client machine: `k6 run -e SCENARIO=<name> k6/surge.js` (README); definitions in"
      " `k6/scenarios.json`")
    w("")
    w("## Headline")
    w("")
    w("| scenario | what (full-size definition) | ran for | arrivals/s (target) | answers/s | correct/s | p50 | p95 | p99 | max | correct % | 429 | 503 | 5xx | no answer | instance CPU ms / answer | box CPU: stage / load gen / others |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in names:
        s = runs[n][0]
        st = resource_stats(runs[n][1])
        cpu_ms = 1000 * st["app_cpu_s"] / max(1, s["requests"]) if st.get("app_cpu_s") else None
        share = (f"{st.get('stage_pct', 0):.0f} / {st.get('cpu', {}).get('loadgen', 0):.0f} / {st.get('other_pct', 0):.0f} %"
                 if st.get("host_busy_pct") is not None else "—")
        o, lat = s["outcomes"], s["latencyMs"]
        total = max(1, sum(o.values()))
        correct = sum(o.get(c, 0) for c in GOOD)
        ts = s.get("timeSeries", [])
        secs = max(1, len(ts))
        w(f"| `{n}` | {s.get('description', '')} | {secs} s | {s.get('targetRps', '—')} | {s['throughputRps']:,.0f} |"
          f" {correct / secs:,.0f} | {fmt(lat.get('p50'))} | {fmt(lat.get('p95'))} | {fmt(lat.get('p99'))} |"
          f" {fmt(lat.get('max'))} | {100 * correct / total:.1f} | {o.get('throttled', 0):,} | {o.get('unavailable', 0):,} |"
          f" {o.get('server_error', 0):,} | {o.get('network', 0):,} | {fmt(cpu_ms, 2)} | {share} |")
    w("")
    w("*Box CPU* is % of one core over the scenario (200 % = both cores): the stage's processes, the Gatling JVM, and"
      " everything else on the machine (other builds and tests). *Instance CPU ms / answer* is the four instances'"
      " CPU time (/proc) divided by the answers they gave: the figure that noise on a shared box disturbs least.")
    w("")
    w("Latency in ms, measured by the load generator (Gatling) on the same two cores, answers with no response"
      " (timeouts) excluded from the percentiles and counted under *no answer*. *Correct* = 2xx, `409 COUPON_SOLD_OUT`"
      " and `409 COUPON_ALREADY_ISSUED`; `429` (which `stress`, `overload` and `signup` accept as a right answer to"
      " overload) and `503` are their own columns. Mixed answers count every step (signup, login, issue, list, detail,"
      " order, pay, poll). *5xx* are mostly nginx's `502`/`504` (see each scenario's answers by status).")
    w("")
    if "mixed" in runs:
        s = runs["mixed"][0]
        od = s.get("orders", {})
        pl = od.get("paidLatencyMs", {})
        w(f"Mixed: {od.get('placed', 0)} orders placed, **{od.get('paid', 0)} reached PAID** (p50 {fmt(pl.get('p50'))} ms,"
          f" p95 {fmt(pl.get('p95'))} ms, max {fmt(pl.get('max'))} ms from placing to seeing PAID), {od.get('paymentFailed', 0)}"
          f" PAYMENT_FAILED, {od.get('unfinished', 0)} not PAID within the poll bound; dispatch: {od.get('dispatchSent', 0)} SENT,"
          f" {od.get('dispatchFailed', 0)} FAILED, {od.get('dispatchPending', 0)} still pending after the bound."
          f" Mixed iterations started: {s.get('iterations', '—')}.")
        w("")
    if "abuser" in runs:
        pops = runs["abuser"][0].get("populations", {})
        m, a = pops.get("members", {}), pops.get("abusers", {})
        if m and a:
            mr = 100 * m["outcomes"].get("throttled", 0) / max(1, m["requests"])
            ar = 100 * a["outcomes"].get("throttled", 0) / max(1, a["requests"])
            w(f"Abuser: the 5 abusers got **{ar:.1f} %** 429s ({a['requests']:,} requests), the ordinary members"
              f" {mr:.2f} % ({m['requests']:,} requests, p95 {fmt(m['latencyMs'].get('p95'))} ms).")
            w("")
    w("![outcomes](capacity/outcomes.png)")
    w("")
    w("## Beside the seeds and the machine's raw ceilings")
    w("")
    w("The seed's figures come from issue 11 (auth off or no credentials, miscounted outcomes); the ceilings were"
      f" measured by `load/ceilings` in this batch ({ceil.get('at', '—')}, before the stage started, {ceil.get('seconds_each', '—')} s each,"
      " load generator on the same box).")
    w("")
    w("| figure | Surge (this batch) | seed | raw ceiling, same run | Surge / ceiling |")
    w("|---|---:|---:|---:|---:|")
    def best_good(n):
        if n not in runs:
            return None
        ts = runs[n][0].get("timeSeries", [])
        return max((good(r) for r in ts), default=None)
    seeds = meta.get("seeds", {})
    coupon = meta.get("capacity_rps")
    redis_w = ceil.get("redis_evalsha_issue_winners_rps")
    ratio = lambda a, b: f"{a / b:.3f}" if a and b else "—"
    w(f"| coupon issue, correct answers/s (best 5 s of `stress`; within p95 < 500 ms: {fmt(meta.get('capacity_within_slo_rps'))}) | {fmt(coupon)} |"
      f" {fmt(seeds.get('coupon_issue_stable_rps'))} (p95 {seeds.get('coupon_issue_stable_p95_ms')} ms, auth off) |"
      f" {fmt(redis_w)} EVALSHA/s (redis-benchmark, 50 conns) | {ratio(coupon, redis_w)} |")
    nginx = ceil.get("nginx_trivial_upstream_rps")
    w(f"| coupon issue, any answers/s (best second of `overload`) | {fmt(max((r['requests'] for r in runs['overload'][0].get('timeSeries', [])), default=None)) if 'overload' in runs else '—'} |"
      f" collapse at {fmt(seeds.get('coupon_issue_collapse_rps'))} | {fmt(nginx)} req/s nginx -> trivial upstream | "
      f"{ratio(max((r['requests'] for r in runs['overload'][0].get('timeSeries', [])), default=0), nginx) if 'overload' in runs else '—'} |")
    b = ceil.get("bcrypt", {})
    bcrypt_box = b.get("hashes_per_core_s", 0) * meta["cores"] if b else None
    signup_best = best_good("signup")
    w(f"| signups/s (201, best second of `signup`) | {fmt(signup_best)} | {fmt(seeds.get('signup_rps'))} (no credentials) |"
      f" {fmt(bcrypt_box)} bcrypt hashes/s on {meta['cores']} cores (cost {b.get('cost', '—')}, {fmt(b.get('cpu_ms_per_hash'), 1)} ms CPU each) |"
      f" {ratio(signup_best, bcrypt_box)} |")
    if "mixed" in runs:
        ms = runs["mixed"][0]
        it = goals.completed_iterations_per_s(ms)
        box = bcrypt_box / 2 if bcrypt_box else None
        w(f"| mixed iterations/s completed through product detail (signup + login = 2 hashes each;"
          f" {ms.get('iterations', 0):,} started) | {fmt(it, 1)} | {fmt(seeds.get('mixed_iterations_per_s'))} |"
          f" {fmt(box)} iterations/s if bcrypt were all | {ratio(it, box)} |")
    commits = ceil.get("mariadb_single_row_commits_per_s")
    w(f"| coupons issued/s (201, best second of `load`/`stress`) | {fmt(max(best_issued(runs, 'load'), best_issued(runs, 'stress')))} | — |"
      f" {fmt(commits)} MariaDB single-row commits/s (16 conns, flush_log_at_trx_commit={ceil.get('mariadb_innodb_flush_log_at_trx_commit', '—')}) |"
      f" {ratio(max(best_issued(runs, 'load'), best_issued(runs, 'stress')), commits)} |")
    if pc and pc.get("bare_winners_rps"):
        bare = pc["bare_winners_rps"] * meta["cores"]
        w(f"| coupon issue, correct answers/s vs the bare app (no auth, same Lua) on every core | {fmt(coupon)} | — |"
          f" {fmt(bare)} ({pc['bare_winners_rps']:,.0f}/s on one pinned core x {meta['cores']}, `load/per-core`) | {ratio(coupon, bare)} |")
    w("")
    w("Redis also answered the script's repeat path (member already holds one: read-only) at"
      f" {fmt(ceil.get('redis_evalsha_issue_repeat_rps'))}/s and PING at {fmt(ceil.get('redis_ping_rps'))}/s;"
      f" nginx's p99 to the trivial upstream was {ceil.get('nginx_trivial_upstream_p99', '—')}.")
    w("")
    w("### Bare app on one pinned core (`load/per-core`)")
    w("")
    if pc:
        w(f"Newest `{os.path.relpath(per_core[-1], ROOT)}` (the PERF suite: Surge and a bare Spring Boot app running"
          " the same `issue.lua` without auth, each pinned to one core with `taskset`, load on the other):")
        w("")
        w("| field | value |")
        w("|---|---:|")
        for k, v in flatten(pc):
            w(f"| `{k}` | {v} |")
    else:
        w("No `docs/benchmarks/per-core-*.json` yet: `load/per-core` had not been run"
          " when this batch ran; `load/report` runs it and includes its newest JSON once it exists.")
    w("")
    L += goals.lines(ROOT, meta, ceil, {n: runs[n][0] for n in names}, {n: resource_stats(runs[n][1]) for n in names})
    w("## What was not met, and by how much")
    w("")
    missed = []
    for n in names:
        missed += verdict_lines(n, runs[n][0])
    for n in names:
        peak = resource_stats(runs[n][1]).get("rss_peak")
        if peak and peak > 512:
            missed.append(f"- **{n}**: every instance <= 512 MB RSS — not met: {peak:.0f} MB peak ({peak - 512:.0f} MB over)")
    if "signup" in runs and runs["signup"][0]["outcomes"].get("ok", 0) == 0 and bcrypt_box_of(ceil, meta):
        m = _re.search(r"SURGE_ADMISSION_LIMIT=(\d+)", meta.get("app_env", ""))
        if m:
            slots = int(m.group(1)) * meta["instances"]
            wait = slots / bcrypt_box_of(ceil, meta)
            missed.append(f"- **signup**: not one signup answered 201 within the 5 s client timeout. Admission lets"
                          f" {m.group(1)} requests per instance in flight, {slots} in all; at the box's"
                          f" {bcrypt_box_of(ceil, meta):.0f} bcrypt hashes/s a full house takes {wait:.1f} s to drain, longer"
                          " than the client waits, so every admitted signup times out and the rest get fast 429s. A"
                          " bcrypt-bound route needs its own, smaller concurrency limit (about hashes/s x the latency"
                          " budget); not changed here (application configuration is outside the load suite)")
    seeds_missed = []
    if coupon and seeds.get("coupon_issue_stable_rps") and coupon < seeds["coupon_issue_stable_rps"]:
        seeds_missed.append(f"- coupon capacity {fmt(coupon)}/s is {seeds['coupon_issue_stable_rps'] / coupon:.1f}x below the"
                            f" seed's {seeds['coupon_issue_stable_rps']:,}/s (which had auth off and its own box)")
    w("\n".join(missed + seeds_missed) if missed or seeds_missed else "Every scenario met its SLOs.")
    w("")
    w(f"Rates here were scaled by x{meta['rate_scale']} and durations shortened (see above): the full-size"
      " definitions (1,000/s and more) were not offered to this 2-core box, and the endurance run lasted"
      f" {int(1800 * meta['endurance_scale'])} s, not 30 min.")
    w("")
    w("## Per scenario")
    for n in names:
        s, rows, _ = runs[n]
        st = resource_stats(rows)
        w("")
        w(f"### `{n}`")
        w("")
        w(f"{s.get('description', '')}. Ran {len(s.get('timeSeries', []))} s; {s['requests']:,} answers; members in the"
          f" pool {s.get('members', 0):,}.")
        w("")
        o = s["outcomes"]
        w("| " + " | ".join(CLASSES) + " |")
        w("|" + "---:|" * len(CLASSES))
        w("| " + " | ".join(f"{o.get(c, 0):,}" for c in CLASSES) + " |")
        w("")
        if s.get("statuses"):
            w("Answers by status and code: " + ", ".join(f"`{k}` {v:,}" for k, v in sorted(s["statuses"].items(), key=lambda kv: -kv[1])) + ".")
            w("")
        if s.get("steps") and len(s["steps"]) > 1:
            w("By step: " + "; ".join(f"{k} " + ", ".join(f"{c} {v:,}" for c, v in sorted(vv.items())) for k, vv in s["steps"].items()) + ".")
            w("")
        cpu = st.get("cpu", {})
        apps = sorted(k for k in cpu if k.startswith("app"))
        w(f"Resources over the run: instance RSS peak {fmt(st.get('rss_peak'))} MB; CPU (% of one core, mean) "
          + ", ".join(f"{k} {cpu[k]:.0f}" for k in apps + [k for k in ("kafka-1", "kafka-2", "kafka-3", "nginx", "redis", "mariadb", "wiremock", "loadgen") if k in cpu])
          + f"; whole box busy {fmt(st.get('host_busy_pct'))} % of {meta['cores']}00 %; Redis used memory peak {fmt(st.get('redis_peak'), 1)} MB;"
          f" Kafka consumer lag peak {fmt(st.get('lag_peak'))}; Hikari pending peak {fmt(st.get('hikari_pending_peak'))}.")
        w("")
        verdicts = s.get("slo", {})
        if verdicts:
            w("SLOs: " + "; ".join(f"{k}: {'met' if v.get('met') else '**not met**'} ({fmt_actual(v.get('actual'))})" for k, v in verdicts.items()) + ".")
            w("")
        if charts[n][0]:
            w(f"![{n} traffic](capacity/{n}-traffic.png)")
        if charts[n][1]:
            w(f"![{n} resources](capacity/{n}-resources.png)")
    w("")
    w("## The k6 scripts against this stage")
    w("")
    if k6_node:
        w("No k6 binary can be installed on this machine, so `load/report` runs `k6/surge.js` itself under node"
          " (`k6/node-run.mjs`: k6's `http` stood in for by curl, one client, each flow a few times, its own `setup`,"
          " `teardown` and `handleSummary`) against the same stage; the handleSummary JSON it wrote:")
        w("")
        w("| scenario | requests | outcomes | orders placed / PAID / dispatch SENT | checks |")
        w("|---|---:|---|---|---:|")
        for f in k6_node:
            k = load(f)
            oc = ", ".join(f"{c} {v}" for c, v in k.get("outcomes", {}).items() if v)
            od = k.get("orders", {})
            w(f"| `{k.get('scenario')}` | {k.get('requests', 0)} | {oc} | {od.get('placed', 0)} / {od.get('paid', 0)} /"
              f" {od.get('dispatch', {}).get('sent', 0)} | {100 * (k.get('checksRate') or 0):.1f} % |")
    else:
        w("Not run in this batch (`k6/node-run.mjs` came after it, or node was missing).")
    w("")
    w("## How to rerun")
    w("")
    w("```bash")
    w("load/report                      # ceilings, stage up (holding /tmp/surge-stage.lock), every scenario with the twin, stage down, this file")
    w("load/report --regenerate         # only rewrite this file and its charts from docs/capacity/data")
    w("DURATION_SCALE=1 RATE_SCALE=1 load/report   # the full-size definitions (a 4-core box with the load generator elsewhere)")
    w("```")
    w("")
    w("Each run also leaves Gatling's HTML report under `target/load/gatling/` and the twin's JSON under"
      " `target/load/runs/`.")
    with open(doc, "w") as f:
        f.write("\n".join(L) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"wrote {doc} and {len(glob.glob(os.path.join(out_dir, '*.png')))} charts")


def bcrypt_box_of(ceil, meta):
    b = ceil.get("bcrypt") or {}
    return b.get("hashes_per_core_s", 0) * meta["cores"] if b else 0


def fmt_actual(v):
    if v is None:
        return "—"
    return f"{v:.4f}" if isinstance(v, float) and v < 1.5 else f"{v:,.0f}"


def best_issued(runs, n):
    if n not in runs:
        return 0
    return max((r.get("ok", 0) for r in runs[n][0].get("timeSeries", [])), default=0)


def flatten(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from flatten(v, f"{prefix}{k}.")
        elif isinstance(v, list):
            continue
        else:
            yield f"{prefix}{k}", v


if __name__ == "__main__":
    if sys.argv[1] == "capacity":
        print(json.dumps(capacity(load(sys.argv[2]))))
    elif sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "docs", "capacity.md"))
    else:
        sys.exit(__doc__)
