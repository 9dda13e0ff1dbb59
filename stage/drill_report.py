#!/usr/bin/env python3
"""Writes one drill's row into docs/reliability.md's results table (between the markers), replacing an earlier row
of the same drill, so the table always holds the latest run of each drill. Called by stage/drill-lib.sh."""
import datetime, json, sys

START, END = "<!-- drills:start -->", "<!-- drills:end -->"
HEADER = ("| drill | load during it | what was broken | client-visible errors | records lost | duplicates "
          "| time to recover | verdict | run (UTC) |\n|---|---|---|---|---|---|---|---|---|")


def main():
    path, drill, load, broken, errors, lost, dups, recover, verdict, reconcile = sys.argv[1:11]
    text = open(path).read()
    head, rest = text.split(START, 1)
    table, tail = rest.split(END, 1)
    rows = [line for line in table.strip().splitlines()[2:] if line.startswith("|")]
    rows = [r for r in rows if not r.startswith(f"| `{drill}` ")]
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    rows.append(f"| `{drill}` | {load} | {broken} | {errors} | {lost} | {dups} | {recover} | **{verdict}** | {when} |")
    rows.sort()
    open(path, "w").write(f"{head}{START}\n{HEADER}\n" + "\n".join(rows) + f"\n{END}{tail}")
    detail = path.replace("reliability.md", f"reliability/{drill}.json")
    import os
    os.makedirs(os.path.dirname(detail), exist_ok=True)
    json.dump({"drill": drill, "load": load, "broken": broken, "client_visible_errors": errors, "lost": lost,
               "duplicates": dups, "recover": recover, "verdict": verdict, "run_utc": when,
               "reconcile": json.loads(reconcile) if reconcile else None}, open(detail, "w"), indent=1)


if __name__ == "__main__":
    main()
