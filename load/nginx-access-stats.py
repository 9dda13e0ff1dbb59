#!/usr/bin/env python3
"""A slice of nginx's JSON access log (coupon issue and signup requests): counts by status, nginx's own 429s apart
from the instances', and request_time percentiles (ms) for useful answers (200/201/409), 429s and 5xx.

    load/nginx-access-stats.py ACCESS_LOG_SLICE     (prints one JSON object)
"""
import json, sys, collections
def pct(v, p):
    if not v: return None
    v = sorted(v); return round(v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] * 1000, 1)
by = collections.Counter(); lat = collections.defaultdict(list); times = []
edge429 = 0
for line in open(sys.argv[1], errors="replace"):
    try: r = json.loads(line)
    except ValueError: continue
    if not r["uri"].startswith(("/api/coupons/", "/api/auth/signup")): continue
    s = r["status"]; by[s] += 1; times.append(r["time"])
    cls = "useful" if s in (200, 201, 409) else "refused_429" if s == 429 else "5xx" if s >= 500 else "other"
    if s == 429 and r["upstream"] in ("", "-"): edge429 += 1
    lat[cls].append(r["request_time"])
out = {"statuses": {str(k): v for k, v in sorted(by.items())}, "edge_429": edge429, "app_429": by.get(429, 0) - edge429}
import datetime
if times:
    t = sorted(datetime.datetime.fromisoformat(x).timestamp() for x in times)
    span = max(1.0, t[-1] - t[0] + 1); out["span_s"] = span
    out["useful_per_s"] = round(len(lat["useful"]) / span, 1)
for c, v in lat.items():
    out[c] = {"n": len(v), "p50_ms": pct(v, 50), "p95_ms": pct(v, 95), "p99_ms": pct(v, 99), "max_ms": pct(v, 100)}
print(json.dumps(out))
