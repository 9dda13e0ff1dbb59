"""JSON lines of HashCeiling -> flat fields in one JSON file and a table."""
import json, sys

rows = [json.loads(line) for line in sys.stdin]
out = {f"bcrypt{r['cost']}_{k}": v for r in rows for k, v in r.items() if k != "cost"}
out["load_average_1m"] = float(open("/proc/loadavg").read().split()[0])
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
for r in rows:
    print(f"cost {r['cost']:2d}: {r['cpu_ms_per_hash']:7.3f} ms CPU per hash -> {r['hashes_per_cpu_s']:6.1f} hashes per CPU-second")
print(f"written to {sys.argv[1]} (load average {out['load_average_1m']})")
