# SPDX-License-Identifier: MIT
"""The report of tinyaws's Python test programs that are not unittest suites (the runner,
tests/run_all.sh, reads it): a line "ok - NAME" or "not ok - NAME" per check, the detail of a
failure indented under it ("#   ..."), each flushed at once so that a stage's progress shows
while it runs; at the end "N passed, M failed", and exit status 1 on any failure.

    sys.path.insert(0, <the tests folder>)
    from tap import ok, finish
    ok(got == want, "what was checked", "what to show when it was not")
    finish()
"""
import sys

passed = failed = 0


def ok(cond, name, detail=""):
    """Counts and reports one check; returns cond (for `if not ok(...)`)."""
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
        for line in str(detail).splitlines():
            print("#   " + line)
    sys.stdout.flush()
    return cond


def finish():
    """The last line, "N passed, M failed", and the exit: 1 on any failure, else 0."""
    print("%d passed, %d failed" % (passed, failed))
    sys.stdout.flush()
    sys.exit(1 if failed else 0)
