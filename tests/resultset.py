"""Check that a run's result directory is one complete set from one run.

usage: tests/resultset.py DIR SPECSIM SCENARIO CACHE

DIR's manifest names the run (seed, replications done, command line).
Every file of the set must be what a clean run with that seed and that
many replications writes (a reference run, made once into CACHE and kept):
summary.csv, summary.json and every file of figures/ byte for byte, and
replications.csv exactly when the command line had --per-rep. report.html
must end whole, state the manifest's seed and replications, and embed each
of the set's own SVG figures. No other file may be there. A set made of
two runs' files, or cut short, fails. Exits 0 when the set is whole, 1
with the reason otherwise.
"""
import base64
import json
import os
import subprocess
import sys


def fail(msg):
    print("resultset: %s: %s" % (sys.argv[1], msg))
    sys.exit(1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def files(top):
    out = set()
    for root, _, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(root, n), top))
    return out


def reference(specsim, scenario, cache, seed, done):
    ref = os.path.join(cache, "seed%s-n%d" % (seed, done))
    if not os.path.exists(os.path.join(ref, "manifest.json")):
        subprocess.run([specsim, "run", scenario, "-n", str(done), "--seed",
                        seed, "-j", "1", "-q", "--per-rep", "-o", ref],
                       check=True, stdout=subprocess.DEVNULL)
    return ref


def main():
    top, specsim, scenario, cache = sys.argv[1:5]
    try:
        m = json.loads(read(os.path.join(top, "manifest.json")))
    except (OSError, ValueError) as e:
        fail("no readable manifest: %s" % e)
    seed, done = m["seed"], m["replications_done"]
    if done < 1:
        fail("a set with no replication")
    if m["complete"] != (not m["interrupted"] and
                         done == m["replications_requested"]):
        fail("manifest's complete and interrupted disagree")
    per_rep = "--per-rep" in m["command_line"].split()
    ref = reference(specsim, scenario, cache, seed, done)
    want = files(ref) - {"manifest.json", "report.html"}
    if not per_rep:
        want.discard("replications.csv")
    have = files(top) - {"manifest.json", "report.html"}
    if have != want:
        fail("files differ from a set: extra %s, missing %s"
             % (sorted(have - want), sorted(want - have)))
    for f in sorted(want):
        if read(os.path.join(top, f)) != read(os.path.join(ref, f)):
            fail("%s is not the one of seed %s, %d replications" % (f, seed, done))
    html = read(os.path.join(top, "report.html")).decode()
    if not html.rstrip().endswith("</html>"):
        fail("report.html is cut")
    said = "%d of %d%s" % (done, m["replications_requested"],
                           " (interrupted)" if m["interrupted"] else "")
    if said not in html or ("<code>%s</code>" % seed) not in html:
        fail("report.html is not of this run (%s, seed %s)" % (said, seed))
    for f in sorted(want):
        if f.endswith(".svg"):
            b64 = base64.b64encode(read(os.path.join(top, f))).decode()
            if b64 not in html:
                fail("report.html does not embed this set's %s" % f)


main()
