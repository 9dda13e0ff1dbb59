#!/usr/bin/env python3
"""Samples the native stage while a load run goes: per-process CPU and RSS (/proc), Redis used memory (INFO), and
from each instance's Prometheus endpoint Hikari pending threads, Kafka consumer lag and admission in-flight. Metrics
are read from the management port (9080+N) and, where that does not answer, from the API port
(8080+N). One JSON line per sample until SIGTERM.

    load/sample.py OUT.jsonl [interval-seconds]      env: SURGE_STAGE_DIR, REDIS_HOST/PORT, APP_INSTANCES
"""
import json, os, re, signal, socket, subprocess, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

out, interval = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
stage = os.environ.get("SURGE_STAGE_DIR", os.path.join(root, ".stage"))
instances = [int(n) for n in os.environ.get("APP_INSTANCES", "1 2 3 4").split()]
tick = os.sysconf("SC_CLK_TCK")
running = True
signal.signal(signal.SIGTERM, lambda *_: globals().__setitem__("running", False))
metrics_port = {}


def pids():
    found = {}
    d = os.path.join(stage, "pids")
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        try:
            found[f[:-4]] = int(open(os.path.join(d, f)).read().strip())
        except (OSError, ValueError):
            pass
    for name, port in (("redis", int(os.environ.get("REDIS_PORT", 6379))), ("mariadb", 3306)):
        if name not in found:
            pid = listener_pid(port)
            if pid:
                found[name] = pid
    return found


def listener_pid(port):
    try:
        text = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, timeout=2).stdout
        m = re.search(r"pid=(\d+)", text)
        return int(m.group(1)) if m else None
    except Exception:
        return None


def proc(pid):
    try:
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / tick
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
        return {"cpu_s": cpu, "rss_mb": rss / 1024}
    except Exception:
        return None


def redis_used():
    try:
        s = socket.create_connection((os.environ.get("REDIS_HOST", "127.0.0.1"), int(os.environ.get("REDIS_PORT", 6379))), 1)
        s.sendall(b"INFO memory\r\n")
        data = b""
        while b"used_memory:" not in data or not data.endswith(b"\r\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        m = re.search(rb"used_memory:(\d+)", data)
        return int(m.group(1)) / 1048576 if m else None
    except Exception:
        return None


def scrape(n):
    for port in ([metrics_port[n]] if n in metrics_port else [9080 + n, 8080 + n]):
        try:
            text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=1.0).read().decode()
            metrics_port[n] = port
            return text
        except Exception:
            continue
    return None


def series_sum(text, name):
    total, seen = 0.0, False
    for m in re.finditer(rf"^{name}(?:{{[^}}]*}})?\s+([0-9.eE+-]+|NaN)$", text, re.M):
        if m.group(1) != "NaN":
            total += float(m.group(1)); seen = True
    return total if seen else None


def children(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def proc_tree(name, pid):
    """nginx does its work in worker processes: count them with the master."""
    p = proc(pid)
    if p and name == "nginx":
        for kid in children(pid):
            k = proc(kid)
            if k:
                p["cpu_s"] += k["cpu_s"]; p["rss_mb"] += k["rss_mb"]
    return p


def host_cpu():
    """Busy and total CPU seconds of the whole machine (/proc/stat), to tell the stage from everything else."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]
    return {"busy_s": (sum(fields[:8]) - idle) / tick, "total_s": sum(fields[:8]) / tick}


def loadgen():
    """CPU and RSS of the load generator (the Gatling JVM) sharing the box."""
    total = None
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if b"io.gatling" in open(f"/proc/{d}/cmdline", "rb").read():
                    p = proc(int(d))
                    if p:
                        total = p if total is None else {k: total[k] + p[k] for k in p}
            except OSError:
                pass
    return total


with open(out, "a") as f:
    while running:
        t = time.time()
        row = {"t": round(t, 3), "proc": {}, "apps": {}, "host": host_cpu(), "load1": os.getloadavg()[0]}
        lg = loadgen()
        if lg:
            row["proc"]["loadgen"] = lg
        for name, pid in pids().items():
            p = proc_tree(name, pid)
            if p:
                row["proc"][name] = p
        row["redis_used_mb"] = redis_used()
        lag = None
        with ThreadPoolExecutor(len(instances)) as pool:  # in parallel: a starved box must not stretch the interval
            texts = dict(zip(instances, pool.map(scrape, instances)))
        for n in instances:
            text = texts[n]
            if text is None:
                continue
            app_lag = series_sum(text, "surge_kafka_listener_lag")
            row["apps"][f"app{n}"] = {
                "port": metrics_port.get(n),
                "hikari_pending": series_sum(text, "hikaricp_connections_pending"),
                "hikari_active": series_sum(text, "hikaricp_connections_active"),
                "admission_inflight": series_sum(text, "surge_admission_inflight"),
            }
            lag = app_lag if lag is None or (app_lag is not None and app_lag > lag) else lag
        row["kafka_lag"] = lag  # every instance reports the group's lag from the brokers: the largest view counts
        f.write(json.dumps(row) + "\n")
        f.flush()
        time.sleep(max(0.1, interval - (time.time() - t)))
