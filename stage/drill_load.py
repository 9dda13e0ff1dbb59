#!/usr/bin/env python3
"""Load for the reliability drills (stage/drill-*): coupon issues by fresh members and orders placed then paid, at
bounded rates for a bounded time, against 127.0.0.1 only. Records what a client sees: every status, every error
(5xx, connection failure) with its time, the coupon ids answered 201 and the orders acknowledged, so the drill can
check afterwards that each of them exists exactly once. Writes one JSON file; prints a one-line summary."""
import argparse, http.client, json, threading, time, urllib.parse
from collections import Counter


class Client:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port or 80
        self.conn = None

    def call(self, method, path, token, body=None):
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
                headers = {"Authorization": "Bearer " + token}
                data = None
                if body is not None:
                    data = json.dumps(body).encode()
                    headers["Content-Type"] = "application/json"
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close(); self.conn = None
                return r.status, raw
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # a kept-alive connection the server closed between requests: retry once on a new one
                self.conn = None
                if attempt == 2:
                    return 0, str(e).encode()
            except OSError as e:
                self.conn = None
                return 0, str(e).encode()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.errors = []  # (time, kind, status)
        self.latency_5xx = []
        self.issued = []
        self.orders = []
        self.paid_accepted = 0

    def record(self, kind, status, started):
        now = time.time()
        with self.lock:
            self.statuses[f"{kind}:{status}"] += 1
            if status == 0 or status >= 500:
                self.errors.append((now, kind, status))
                self.latency_5xx.append(now - started)


def paced(rate, threads, seconds, work):
    interval = threads / rate if rate > 0 else None
    end = time.time() + seconds

    def loop(i):
        nxt = time.time() + (interval or 0) * i / threads
        while time.time() < end:
            if interval:
                delay = nxt - time.time()
                if delay > 0:
                    time.sleep(delay)
                nxt += interval
            work(i)

    ts = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(threads)]
    for t in ts:
        t.start()
    return ts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="http://127.0.0.1:8080")
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--coupon-id", type=int)
    p.add_argument("--coupon-tokens")
    p.add_argument("--coupon-rps", type=float, default=0)
    p.add_argument("--order-tokens")
    p.add_argument("--option-id", type=int)
    p.add_argument("--order-rps", type=float, default=0)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    assert a.base.startswith("http://127.0.0.1"), "drills target 127.0.0.1 only"
    stats, started_at, threads = Stats(), time.time(), []

    if a.coupon_rps > 0:
        coupon_tokens = open(a.coupon_tokens).read().split()
        nxt = iter(range(len(coupon_tokens)))
        nlock = threading.Lock()
        clients = [Client(a.base) for _ in range(a.threads)]
        path = f"/api/coupons/{a.coupon_id}/issue"

        def issue(i):
            with nlock:
                n = next(nxt, None)
            if n is None:
                time.sleep(0.05); return
            t0 = time.time()
            status, body = clients[i].call("POST", path, coupon_tokens[n])
            stats.record("coupon", status, t0)
            if status == 201:
                with stats.lock:
                    stats.issued.append(json.loads(body)["userCouponId"])

        threads += paced(a.coupon_rps, a.threads, a.seconds, issue)

    if a.order_rps > 0:
        order_tokens = open(a.order_tokens).read().split()
        oclients = [Client(a.base) for _ in range(max(2, a.threads // 2))]
        counter = [0]
        olock = threading.Lock()

        def order(i):
            with olock:
                counter[0] += 1
                token = order_tokens[counter[0] % len(order_tokens)]
            t0 = time.time()
            status, body = oclients[i].call(
                "POST", "/api/orders", token, {"items": [{"optionId": a.option_id, "quantity": 1}]})
            stats.record("order", status, t0)
            if status != 201:
                return
            order_id = json.loads(body)["orderId"]
            with stats.lock:
                stats.orders.append(order_id)
            t1 = time.time()
            status, _ = oclients[i].call("POST", f"/api/orders/{order_id}/payment", token)
            stats.record("pay", status, t1)
            if status == 202:
                with stats.lock:
                    stats.paid_accepted += 1

        threads += paced(a.order_rps, len(oclients), a.seconds, order)

    for t in threads:
        t.join()
    elapsed = time.time() - started_at
    errors = stats.errors
    result = {
        "seconds": round(elapsed, 1),
        "statuses": dict(stats.statuses),
        "requests": sum(stats.statuses.values()),
        "rps": round(sum(stats.statuses.values()) / elapsed, 1),
        "errors": len(errors),
        "first_error": errors[0][0] if errors else None,
        "last_error": errors[-1][0] if errors else None,
        "error_p99_ms": round(sorted(stats.latency_5xx)[int(len(stats.latency_5xx) * 0.99)] * 1000)
        if stats.latency_5xx else None,
        "issued": stats.issued,
        "orders": stats.orders,
        "paid_accepted": stats.paid_accepted,
    }
    json.dump(result, open(a.out, "w"))
    print(f"load: {result['requests']} requests in {result['seconds']}s ({result['rps']}/s), "
          f"{len(stats.issued)} coupons issued, {len(stats.orders)} orders, {result['errors']} client-visible errors, "
          f"statuses {dict(sorted(stats.statuses.items()))}")


if __name__ == "__main__":
    main()
