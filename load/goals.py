"""Issue 12's goals in docs/capacity.md: each goal beside this batch's figure, and the mini-PC projection (goal 9).

load/report.py calls lines(); the inputs are the batch (stage scenarios, ceilings, meta) and the newest benchmark JSON
in docs/benchmarks/ (load/per-core's full batch, its AOT and cost-10 A/B runs, stage/idle-cost). The reasons a goal is
missed are not computed: they link to the profile in docs/performance.md that explains them.
"""
import functools, glob, json, os, re

PERF = "performance.md"
WHY = {
    1: f"[{PERF}#where-the-time-goes-on-the-warm-coupon-path]({PERF}#where-the-time-goes-on-the-warm-coupon-path)",
    2: f"[{PERF}#cold-start-and-the-jdk-25-aot-cache]({PERF}#cold-start-and-the-jdk-25-aot-cache)",
    4: f"[{PERF}#idle]({PERF}#idle)",
    5: f"[{PERF}#overload-on-the-4-instance-stage-goal-5]({PERF}#overload-on-the-4-instance-stage-goal-5)",
    6: f"[{PERF}#memory-class-metadata-not-the-heap-goal-6-2026-12-04]({PERF}#memory-class-metadata-not-the-heap-goal-6-2026-12-04)",
    7: f"[{PERF}#signup-per-core-goal-7-2026-12-03]({PERF}#signup-per-core-goal-7-2026-12-03)",
}
SIDE = ("nginx", "redis", "mariadb", "kafka-1", "kafka-2", "kafka-3", "wiremock")


def completed_iterations_per_s(mixed):
    """Mixed iterations whose signup, login, issue, list and detail all answered, per second of the run."""
    return mixed.get("steps", {}).get("product", {}).get("ok", 0) / max(1, len(mixed.get("timeSeries", [])))


@functools.lru_cache(maxsize=None)
def benchmarks(root):
    """Every docs/benchmarks/*.json that holds an object, read once: (its own "date", file name, content, path)."""
    found = []
    for path in glob.glob(os.path.join(root, "docs", "benchmarks", "*.json")):
        with open(path) as f:
            d = json.load(f)
        if isinstance(d, dict):
            found.append((str(d.get("date", "")), os.path.basename(path), d, os.path.relpath(path, root)))
    return tuple(found)


def newest(root, pattern, keep=lambda d: True):
    """The newest benchmark JSON (by its own "date", then by name) whose name matches and whose content passes keep(),
    with its path."""
    found = [b for b in benchmarks(root) if re.fullmatch(pattern, b[1]) and keep(b[2])]
    if not found:
        return None, None
    _, _, d, path = max(found, key=lambda t: (t[0], t[1]))
    return d, path


def f(v, nd=2):
    return "—" if v is None else f"{v:,.{nd}f}"


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**missed**")


def lines(root, meta, ceil, runs, stats):
    """runs: scenario -> summary; stats: scenario -> load/report.py's resource_stats of its samples."""
    pc, pc_path = newest(root, r"per-core-\d{4}-\d{2}-\d{2}\.json")
    aot, aot_path = newest(root, r"per-core-aot-.*\.json(?<!runs\.json)", lambda d: d.get("cold_ratio_aot") is not None)
    c10, c10_path = newest(root, r"per-core-.*\.json(?<!runs\.json)", lambda d: d.get("signup_cost") == 10)
    idle, idle_path = newest(root, r"stage-idle-(?!series).*\.json")
    series, series_path = newest(root, r"stage-idle-series-.*\.json")
    out = []
    w = out.append
    w("## Issue 12's goals against this batch")
    w("")
    w(f"Per-core figures from `{pc_path}` (commit `{pc.get('commit') if pc else '—'}`: one instance pinned to a core"
      " with `taskset`, wrk on the other, beside the bare Boot + Lua app; ratios by CPU per request, which the"
      f" box's noise disturbs least); stage figures from this batch; idle from `{idle_path}`. A missed goal links to"
      " the profile that says what limits it.")
    w("")
    w("| # | goal | target | measured | verdict | what limits it |")
    w("|---|---|---|---|---|---|")
    g = (pc or {}).get
    if pc:
        win, rep = g("ratio_winners_cpu"), g("ratio_repeats_cpu")
        w(f"| 1 | warm coupon path per pinned core, vs the bare app | winners >= 0.60, repeats >= 0.70 |"
          f" winners {f(win)}, repeats {f(rep)} ({f(g('surge_winners_cpu_ms'), 3)} / {f(g('surge_repeats_cpu_ms'), 3)}"
          f" ms CPU per request against {f(g('bare_winners_cpu_ms'), 3)} / {f(g('bare_repeats_cpu_ms'), 3)}) |"
          f" {verdict(win is not None and rep is not None and win >= 0.6 and rep >= 0.7)} | {WHY[1]} |")
        cold, ready = g("cold_ratio"), g("start_to_ready_s")
        aot_txt = (f"; AOT cache A/B (`{aot_path}`): cold {f(aot.get('cold_ratio_aot'))} against {f(aot.get('cold_ratio'))},"
                   f" ready {f(aot.get('surge_aot_start_to_ready_s'), 1)} s against {f(aot.get('surge_start_to_ready_s'), 1)} s,"
                   f" peak RSS {f(aot.get('surge_aot_peak_rss_mb'), 0)} against {f(aot.get('surge_peak_rss_mb'), 0)} MB") if aot else ""
        w(f"| 2 | cold: first {g('cold_window')} of traffic vs warm; start to ready on one core | >= 0.70; <= 10 s |"
          f" {f(cold)} with the agent, {f(g('cold_ratio_noagent'))} without; ready {f(ready, 1)} s"
          f" ({f(g('surge_noagent_start_to_ready_s'), 1)} s without the agent){aot_txt} |"
          f" {verdict(cold is not None and ready is not None and cold >= 0.7 and ready <= 10)} | {WHY[2]} |")
        oh = [g("agent_overhead_winners"), g("agent_overhead_repeats")]
        w(f"| 3 | OTel agent's cost per warm request; cold phase not doubled | <= 0.10; < 2x |"
          f" winners +{f(oh[0])}, repeats +{f(oh[1])}; cold +{f(g('agent_overhead_cold'))}; peak RSS"
          f" {f(g('surge_peak_rss_mb'), 0)} against {f(g('surge_noagent_peak_rss_mb'), 0)} MB |"
          f" {verdict(None not in oh and max(oh) <= 0.10 and (g('agent_overhead_cold') or 0) < 1)} | the agent's"
          " instrumentation of every layer the request crosses; the warm figures are inside the box's noise |")
    if idle:
        top = ", ".join(f"`{t['thread']}` {t['percent_of_one_core']:.1f}" for t in
                        (idle.get("threads", {}).get("apps", [])[:3] + idle.get("threads", {}).get("brokers", [])[:3]))
        since = idle.get("apps_started_s_before")
        when = f", {since / 60:.0f} min after the apps started" if since else ""
        w(f"| 4 | the whole native stage at rest | <= 10 % of one core | {idle['total']:.1f} % over {idle['window_s']:.0f} s"
          f"{when} (apps {idle['apps']:.1f}, brokers {idle['brokers']:.1f}){'; busiest threads: ' + top if top else ''}"
          + (f"; over one stage's life (`{series_path}`): " + ", ".join(
              f"{r['total']:.1f} % at {r['apps_started_s_before'] / 60:.0f} min" for r in series["runs"])
             + " -- the JIT compiling the background loops and the last load's code is the excess" if series else "")
          + f" | {verdict(idle['total'] <= 10)}{' once the JIT settles' if series and max(r['total'] for r in series['runs']) > 10 else ''}"
          f" | {WHY[4]} |")
    coupon = [n for n in ("load", "peak", "stress") if n in runs]
    if coupon:
        p99 = max(runs[n]["latencyMs"].get("p99") or 0 for n in coupon)
        fivexx = sum(s["outcomes"].get("server_error", 0) for s in runs.values())
        useful, one = meta.get("capacity_rps"), g("surge_winners_ok_rps") if pc else None
        met = fivexx == 0 and p99 < 100 and useful is not None and one is not None and useful >= one
        w(f"| 5 | the 4-instance stage on this box vs one pinned instance | >= one instance's winners/s, p99 < 100 ms,"
          f" 0 x 5xx | {f(useful, 0)} correct answers/s against {f(one, 0)}; p99 up to {p99:,.0f} ms"
          f" ({', '.join(coupon)}); {fivexx:,} x 5xx in every scenario | {verdict(met)} | {WHY[5]} |")
    peaks = {n: st.get("rss_peak") for n, st in stats.items() if st.get("rss_peak")}
    if peaks or pc:
        worst = max(peaks.values(), default=0)
        pinned = g("peak_rss_mb") if pc else None
        w(f"| 6 | RSS per instance at peak | <= 460 MB | stage {min(peaks.values(), default=0):.0f}-{worst:.0f} MB over"
          f" {len(peaks)} scenarios; pinned {f(pinned, 0)} MB |"
          f" {verdict(worst <= 460 and (pinned is None or pinned <= 460))} | {WHY[6]} |")
    if pc:
        s4 = g("signup_vs_ceiling")
        s10 = c10.get("signup_vs_ceiling") if c10 else None
        c10_txt = f"cost 10: {f(s10)} (`{c10_path}`)" if c10 else "cost 10: not measured"
        w(f"| 7 | signups/s vs the hash-bound ceiling per core | cost 4 >= 0.60; cost 10 >= 0.90 |"
          f" cost {g('signup_cost')}: {f(s4)} ({f(g('surge_signup_ok_rps'), 0)}/s against {f(g('hash_ceiling_per_cpu_s'), 0)}"
          f" hashes per CPU-second); {c10_txt} | {verdict(s4 is not None and s10 is not None and s4 >= 0.6 and s10 >= 0.9)} |"
          f" {WHY[7]} |")
    if "mixed" in runs:
        ms = runs["mixed"]
        done = completed_iterations_per_s(ms)
        paid = ms.get("orders", {}).get("paidLatencyMs", {})
        w(f"| 8 | `mixed` at cost {meta['password_hash_cost']} on this box | >= 300 iterations/s, placing to PAID p99 < 1 s |"
          f" {done:,.1f} iterations/s completed (offered {ms.get('targetRps')}, rates x{meta['rate_scale']}); PAID p99"
          f" {f(paid.get('p99'), 0)} ms over {paid.get('count', 0)} orders |"
          f" {verdict(done >= 300 and (paid.get('p99') or 10 ** 9) < 1000)} | two cores for four instances, three brokers,"
          " the stores and the load generator; two bcrypt hashes per iteration |")
    w(f"| 9 | the mini-PC projection | stated, with assumptions | below | {'met' if pc else '—'} | — |")
    w("")
    if pc:
        out += projection(meta, ceil, pc, runs, stats, idle)
    return out


def projection(meta, ceil, pc, runs, stats, idle):
    """Goal 9: the 4-core mini-PC with one CPU per container, from CPU per request (pinned here) and the stores' CPU
    per answer above their idle cost (this stage batch, stage/idle-cost). Capacity = min(4 instances x one core each,
    what the 4 cores leave after the stage's idle cost, divided by the CPU of one request end to end)."""
    steady = next((n for n in ("endurance", "load", "stress") if n in runs and stats.get(n, {}).get("cpu")), None)
    out = []
    w = out.append
    w("### The mini-PC (goal 9): a projection, not a measurement")
    w("")
    if not steady:
        w("No stage scenario with resource samples in this batch: no projection.")
        return out
    s, st = runs[steady], stats[steady]
    answers_per_s = s["requests"] / max(1.0, st["seconds"])
    rest = (idle or {}).get("percent_of_one_core", {})
    # ms of CPU per answer above what the process burns at rest (the brokers' idle alone is ~0.4 ms per answer at 250/s)
    side = {k: 10 * max(0.0, st["cpu"][k] - rest.get(k, 0)) / answers_per_s for k in SIDE if k in st["cpu"]}
    side_ms = sum(side.values())
    fixed = 10 * (idle or {}).get("total", 0)  # ms of CPU per second the whole stage burns at rest
    commits = ceil.get("mariadb_single_row_commits_per_s")
    commit_ms = 1000 * meta["cores"] / commits if commits else 0  # upper bound: the commit benchmark's whole box
    cores = 4
    rows = []
    for label, app_ms, extra in (
            ("Surge, coupon winners (warm, agent)", pc.get("surge_winners_cpu_ms"), commit_ms),
            ("Surge, repeats `ALREADY_ISSUED` (warm, agent)", pc.get("surge_repeats_cpu_ms"), 0),
            ("Surge, sold-out flood (warm, agent)", pc.get("surge_soldout_cpu_ms"), 0),
            ("Surge, coupon in the first 10 s after ready (agent)", pc.get("surge_cold_cpu_ms"), commit_ms),
            (f"Surge, signups at cost {pc.get('signup_cost')} (agent)", pc.get("surge_signup_cpu_ms"), commit_ms),
            ("bare Boot + Lua, no auth, no MySQL write (warm)", pc.get("bare_winners_cpu_ms"), 0)):
        if not app_ms:
            continue
        per_instance = 1000 / app_ms
        shared = (1000 * cores - fixed) / (app_ms + side_ms + extra)
        rows.append((label, app_ms, side_ms + extra, min(cores * per_instance, shared),
                     "instances" if cores * per_instance <= shared else "the 4 cores"))
    w("| path | instance CPU ms / request (pinned here) | stores, nginx, brokers: CPU ms / request | projected req/s on"
      " the mini-PC | bound by |")
    w("|---|---:|---:|---:|---|")
    for label, app_ms, other, rps, bound in rows:
        w(f"| {label} | {app_ms:.3f} | {other:.3f} | **{rps:,.0f}** | {bound} |")
    seed = meta.get("seeds", {}).get("coupon_issue_stable_rps")
    w("")
    w(f"Beside it, the peer's figure: **{seed:,} coupon issues/s with auth off** (p95"
      f" {meta.get('seeds', {}).get('coupon_issue_stable_p95_ms')} ms, issue 11)." if seed else "")
    w("")
    w("Assumptions, each of which moves the figure:")
    w("")
    w(f"- the mini-PC's cores are as fast as one core of this box ({meta['cpu_model']}) while the other core runs wrk;"
      f" this box was shared (load average up to {f(pc.get('loadavg_1m_max'), 1)} in the per-core run), so the CPU per"
      " request here is an upper bound;")
    w("- the load generator is on another machine (k6 from the client) and costs the mini-PC nothing;")
    w(f"- four instances, each capped at one CPU (`docker-compose.stage.yaml`), sharing the four cores with nginx, Redis,"
      f" MySQL and the three brokers, whose CPU per answer above their idle cost ({side_ms:.3f} ms: "
      + ", ".join(f"{k} {v:.3f}" for k, v in side.items())
      + f") is this batch's `{steady}` run ({answers_per_s:,.0f} answers/s, {100 * s['outcomes'].get('ok', 0) / max(1, s['requests']):.0f} %"
      f" winners); the stage's idle cost ({(idle or {}).get('total', 0):.1f} % of one core, `stage/idle-cost`) is taken"
      " off the four cores first;")
    w(f"- a winner and a signup add one MySQL commit: {commit_ms:.3f} ms, the CPU of the whole box divided by"
      f" `load/ceilings`' {f(commits, 0)} single-row commits/s (an upper bound);")
    w("- warm JVMs (minutes after start) for every row but the first-10-s row; a flash sale on freshly started"
      f" instances runs at the cold row for its first seconds ({f(pc.get('cold_ratio'))} of warm here);")
    w("- MySQL's group commit, Redis and nginx keep their per-request cost at four times this box's rates; Redis is"
      " single-threaded, so one core is its ceiling.")
    w("")
    return out
