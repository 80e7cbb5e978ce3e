#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sums the results of every meson test run into one line, 'N passed, N failed'.

A Check suite counts its individual checks (from its closing line
'NN%: Checks: N, Failures: F, Errors: E'); any other test counts as one.
Skipped tests are reported apart. Exits non-zero when anything failed.
"""
import json
import re
import sys

CHECK_LINE = re.compile(r"\d+%: Checks: (\d+), Failures: (\d+), Errors: (\d+)")

passed = failed = skipped = 0
failures = []
for log in sys.argv[1:]:
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
    except OSError:
        print(f"summary: no test log {log}: that run did not happen", file=sys.stderr)
        failed += 1
        failures.append(log)
        continue
    for line in lines:
        entry = json.loads(line)
        result = entry.get("result")
        output = (entry.get("stdout") or "") + (entry.get("stderr") or "")
        counts = CHECK_LINE.findall(output)
        if result == "SKIP":
            skipped += 1
            continue
        if counts and result in ("OK", "FAIL", "EXPECTEDFAIL"):
            for checks, fails, errors in counts:
                bad = int(fails) + int(errors)
                passed += int(checks) - bad
                failed += bad
            if result == "FAIL" and all(int(f) + int(e) == 0 for _, f, e in counts):
                failed += 1  # crashed or leaked after its checks passed
            if result != "OK":
                failures.append(f"{log}: {entry['name']}")
        elif result == "OK":
            passed += 1
        else:
            failed += 1
            failures.append(f"{log}: {entry['name']} ({result})")

for f in failures:
    print(f"failed: {f}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
