#!/usr/bin/python3
"""Solve specsim's exported rollout programs with independent solvers.

specsim solves every rollout program with GLPK. This script takes programs
written by `specsim lp` (CPLEX LP and free MPS) and solves each one with

  * GLPK's command-line solver, glpsol, on the LP file, with the cuts and
    pseudocost branching specsim uses (the defaults take minutes on the
    programs with equipment age);
  * CBC (Debian package coinor-cbc) on the MPS file;
  * HiGHS through scipy.optimize.milp (Debian package python3-scipy) on the
    MPS file, parsed here (scipy has no MPS reader);

and checks that all three report the same optimal objective within a
relative tolerance. The programs maximise the operators' NPV.

Usage:
  cross_solver.py [--rtol 1e-6] [--json OUT] MODEL.lp ...   (MODEL.mps beside it)
  cross_solver.py --values MODEL.mps PATTERN...  print HiGHS's value of
      every column whose name starts with one of the PATTERNs

Exit status 0 when every program agrees, 1 otherwise. Use Debian's
/usr/bin/python3, which has scipy.
"""
import json
import math
import os
import re
import subprocess
import sys

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp


def read_free_mps(path):
    """Parse a free MPS file as GLPK writes it (glp_write_mps, GLP_MPS_FILE).

    Returns a dict with the objective sense (always max here: GLPK's MPS
    writer does not store the sense, the caller says it), the objective
    vector c, the constraint matrix A (CSR), row bounds lo/hi, column bounds
    lb/ub, the integrality vector and the column names.
    """
    rows, row_type, obj_row = {}, [], None
    cols, names, integ = {}, [], []
    entries = []  # (row index, col index, value)
    c_obj = {}
    rhs, ranges = {}, {}
    bounds = []
    section, in_int = None, False
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            tok = line.split()
            if section == "ROWS":
                kind, name = tok
                if kind == "N":
                    if obj_row is None:
                        obj_row = name
                    continue
                rows[name] = len(row_type)
                row_type.append(kind)
            elif section == "COLUMNS":
                if len(tok) >= 3 and tok[1] == "'MARKER'":
                    in_int = tok[2] == "'INTORG'"
                    continue
                col = tok[0]
                if col not in cols:
                    cols[col] = len(names)
                    names.append(col)
                    integ.append(1 if in_int else 0)
                j = cols[col]
                for k in range(1, len(tok) - 1, 2):
                    r, v = tok[k], float(tok[k + 1])
                    if r == obj_row:
                        c_obj[j] = c_obj.get(j, 0.0) + v
                    else:
                        entries.append((rows[r], j, v))
            elif section == "RHS":
                for k in range(1, len(tok) - 1, 2):
                    if tok[k] == obj_row:
                        raise ValueError("objective constant in RHS not supported")
                    rhs[rows[tok[k]]] = float(tok[k + 1])
            elif section == "RANGES":
                for k in range(1, len(tok) - 1, 2):
                    ranges[rows[tok[k]]] = float(tok[k + 1])
            elif section == "BOUNDS":
                kind, col = tok[0], tok[2]
                val = float(tok[3]) if len(tok) > 3 else None
                bounds.append((kind, cols[col], val))
            elif section == "ENDATA":
                break
    m, n = len(row_type), len(names)
    c = np.zeros(n)
    for j, v in c_obj.items():
        c[j] = v
    if entries:
        r_i, c_i, vals = zip(*entries)
    else:
        r_i, c_i, vals = (), (), ()
    A = sparse.csr_matrix((vals, (r_i, c_i)), shape=(m, n))
    lo, hi = np.full(m, -np.inf), np.full(m, np.inf)
    for i, kind in enumerate(row_type):
        b = rhs.get(i, 0.0)
        if kind == "E":
            lo[i] = hi[i] = b
            if i in ranges:  # E row with a range: [b, b+|R|] or [b-|R|, b]
                r = ranges[i]
                if r > 0:
                    hi[i] = b + r
                else:
                    lo[i] = b + r
        elif kind == "L":
            hi[i] = b
            if i in ranges:
                lo[i] = b - abs(ranges[i])
        elif kind == "G":
            lo[i] = b
            if i in ranges:
                hi[i] = b + abs(ranges[i])
        else:
            raise ValueError("row type %s" % kind)
    lb, ub = np.zeros(n), np.full(n, np.inf)
    integ = np.array(integ)
    for kind, j, val in bounds:
        if kind == "UP":
            ub[j] = val
            if val < 0 and lb[j] == 0:
                lb[j] = -np.inf
        elif kind == "LO":
            lb[j] = val
        elif kind == "FX":
            lb[j] = ub[j] = val
        elif kind == "FR":
            lb[j], ub[j] = -np.inf, np.inf
        elif kind == "MI":
            lb[j] = -np.inf
        elif kind == "PL":
            ub[j] = np.inf
        elif kind == "BV":
            lb[j], ub[j], integ[j] = 0, 1, 1
        elif kind == "LI":
            lb[j], integ[j] = val, 1
        elif kind == "UI":
            ub[j], integ[j] = val, 1
        else:
            raise ValueError("bound type %s" % kind)
    # GLPK writes an integer column without bounds as [0, 1] only through
    # BV; an integer column with no bound line keeps MPS's default [0, +inf).
    return {"c": c, "A": A, "lo": lo, "hi": hi, "lb": lb, "ub": ub,
            "integrality": integ, "names": names}


def solve_highs(path, maximise=True):
    """Solve the MPS program with HiGHS (scipy.optimize.milp); returns
    (objective, x, names) with the objective in the program's own sense."""
    p = read_free_mps(path)
    sign = -1.0 if maximise else 1.0
    cons = []
    if p["A"].shape[0] > 0:
        cons.append(LinearConstraint(p["A"], p["lo"], p["hi"]))
    res = milp(sign * p["c"], constraints=cons,
               integrality=p["integrality"], bounds=Bounds(p["lb"], p["ub"]),
               options={"mip_rel_gap": 0.0, "presolve": True})
    if res.status != 0:
        raise RuntimeError("HiGHS: %s" % res.message)
    return sign * res.fun, res.x, p["names"]


def solve_glpsol(lp_path):
    """Solve the LP file with glpsol; returns the optimal objective."""
    out = subprocess.run(["glpsol", "--cuts", "--pcost", "--lp", lp_path, "-o", "/dev/stdout"],
                         capture_output=True, text=True, check=False)
    text = out.stdout
    if "INTEGER OPTIMAL" not in text and "OPTIMAL LP SOLUTION" not in text:
        raise RuntimeError("glpsol: no optimal solution:\n" + text[-2000:])
    m = re.search(r"^Objective:\s+\S+\s+=\s+(\S+)", text, re.M)
    if m is None:
        raise RuntimeError("glpsol: no objective line")
    return float(m.group(1))


def solve_cbc(mps_path):
    """Solve the MPS file with CBC (maximising); returns the objective as
    CBC prints it. CBC reports the objective of the maximised program with
    its true sign when `max` is given before `solve`."""
    out = subprocess.run(["cbc", mps_path, "max", "solve", "quit"],
                         capture_output=True, text=True, check=False)
    text = out.stdout + out.stderr
    if "Result - Optimal solution found" not in text:
        raise RuntimeError("cbc: no optimal solution:\n" + text[-2000:])
    m = re.search(r"^Objective value:\s+(\S+)", text, re.M)
    if m is None:
        raise RuntimeError("cbc: no objective line")
    return float(m.group(1))


def rel_diff(a, b):
    return abs(a - b) / max(1.0, abs(a), abs(b))


def check(lp_paths, rtol, json_out=None):
    ok, report = True, []
    for lp in lp_paths:
        mps = os.path.splitext(lp)[0] + ".mps"
        g = solve_glpsol(lp)
        c = solve_cbc(mps)
        h, _, _ = solve_highs(mps)
        worst = max(rel_diff(g, c), rel_diff(g, h), rel_diff(c, h))
        good = worst <= rtol
        ok &= good
        report.append({"program": lp, "glpk": g, "cbc": c, "highs": h,
                       "max_rel_diff": worst, "ok": good})
        print("%-4s %s glpk %.10g cbc %.10g highs %.10g max rel diff %.2e"
              % ("ok" if good else "FAIL", os.path.basename(lp), g, c, h, worst))
    if json_out:
        with open(json_out, "w") as f:
            json.dump(report, f, indent=1)
    return ok


def main(argv):
    if len(argv) >= 3 and argv[1] == "--values":
        _, x, names = solve_highs(argv[2])
        pats = argv[3:]
        for name, v in zip(names, x):
            if any(name.startswith(p) for p in pats):
                print(name, repr(float(v)))
        return 0
    rtol, json_out, files = 1e-6, None, []
    i = 1
    while i < len(argv):
        if argv[i] == "--rtol":
            rtol = float(argv[i + 1]); i += 2
        elif argv[i] == "--json":
            json_out = argv[i + 1]; i += 2
        else:
            files.append(argv[i]); i += 1
    if not files:
        sys.stderr.write(__doc__)
        return 2
    return 0 if check(files, rtol, json_out) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
