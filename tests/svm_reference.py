#!/usr/bin/python3
"""svm_reference.py -- an independent computation of the GSVM and LSVM
value models' efficient allocations, for the distribution check of
tests/cli/svm.sh.

It draws its own instances (numpy, not specsim's generator) from the
models' definitions (Goeree and Holt 2010 for GSVM, Scheffel, Ziegler and
Bichler 2012 for LSVM, with the parameters of SATS 0.8) and solves them
with HiGHS (scipy.optimize.milp) in formulations other than specsim's:

* GSVM: the compact program over x[i][l] (bidder i gets licence l), a
  binary z[i][n] choosing the number n of licences bidder i wins and
  y[i][l][n] = x[i][l] z[i][n] linearised (sum_n y = x, y <= z), the value
  sum over l, n of v[i][l] (1 + s (n - 1)) y[i][l][n] -- exact because
  each x[i][l] = 1 puts its y on the one n chosen.
* LSVM: every bidder as XOR bids over every subset of the licences it
  values, each worth the sum over its connected components (found by a
  union-find here) of f(|C|) times their values -- the definition itself,
  with no argument about connected sets; 2^12 bids for the national
  bidder of a 3 x 4 grid, so the check runs on that grid (2^18 on the
  3 x 6 grid is beyond a test's seconds).

Usage: svm_reference.py fixed gsvm|lsvm -> the maximum welfare and the
  welfare without each bidder of the fixed-value instances of
  tests/cli/svm.sh, as JSON; or
svm_reference.py gsvm N SEED | lsvm N SEED ROWS COLS
  -> prints JSON: the number of
instances, mean and standard deviation of the maximum welfare and of the
licences won per regional bidder and by the national bidder.
"""
import functools
import itertools
import json
import math
import sys

import numpy as np
from scipy.optimize import LinearConstraint, Bounds, milp


def gsvm_instance(rng):
    size = 6
    nc = 2 * size

    def high(pos):
        return size // 3 * 2 <= pos < size // 3 * 4

    bidders = []
    for p in range(size):  # regional bidders at positions 0..5
        vals = {}
        for d in range(4):
            l = (2 * p + d) % nc
            vals[l] = rng.uniform(0, 40) if high(l) else rng.uniform(0, 20)
        for d in range(2):
            vals[nc + (p + d) % size] = rng.uniform(0, 20)
        bidders.append((vals, round(len(vals) * 2 / 3), False))
    vals = {l: (rng.uniform(0, 20) if high(l) else rng.uniform(0, 10))
            for l in range(nc)}
    bidders.append((vals, nc, True))
    return 3 * size, bidders


def gsvm_solve(nlic, bidders, s=0.2, skip=()):
    cols = []  # (kind, i, l, n)
    for i, (vals, nmax, _) in enumerate(bidders):
        if i in skip:
            vals, nmax = {}, 0
        for l in vals:
            cols.append(("x", i, l, 0))
        for n in range(nmax + 1):
            cols.append(("z", i, -1, n))
        for l in vals:
            for n in range(1, nmax + 1):
                cols.append(("y", i, l, n))
    idx = {c: k for k, c in enumerate(cols)}
    nv = len(cols)
    c = np.zeros(nv)
    integrality = np.zeros(nv)
    for k, (kind, i, l, n) in enumerate(cols):
        if kind == "y":
            c[k] = -bidders[i][0][l] * (1 + s * (n - 1))
        else:
            integrality[k] = 1
    rows, lo, hi = [], [], []

    def row(coefs, a, b):
        r = np.zeros(nv)
        for k, v in coefs:
            r[k] += v
        rows.append(r)
        lo.append(a)
        hi.append(b)

    for l in range(nlic):
        ks = [(idx[("x", i, l, 0)], 1) for i in range(len(bidders))
              if ("x", i, l, 0) in idx]
        if ks:
            row(ks, -np.inf, 1)
    for i, (vals, nmax, _) in enumerate(bidders):
        if i in skip:
            vals, nmax = {}, 0
        row([(idx[("z", i, -1, n)], 1) for n in range(nmax + 1)], 1, 1)
        row([(idx[("x", i, l, 0)], 1) for l in vals] +
            [(idx[("z", i, -1, n)], -n) for n in range(nmax + 1)], 0, 0)
        for l in vals:
            row([(idx[("y", i, l, n)], 1) for n in range(1, nmax + 1)] +
                [(idx[("x", i, l, 0)], -1)], 0, 0)
            for n in range(1, nmax + 1):
                row([(idx[("y", i, l, n)], 1), (idx[("z", i, -1, n)], -1)],
                    -np.inf, 0)
    res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi),
               integrality=integrality, bounds=Bounds(0, 1))
    assert res.status == 0, res.message
    won = [sum(res.x[idx[("x", i, l, 0)]] > 0.5 for l in vals)
           if i not in skip else 0 for i, (vals, _, _) in enumerate(bidders)]
    return -res.fun, won


ROWS, COLS = 3, 6  # set by main for lsvm


def neighbours(l):
    r, c = divmod(l, COLS)
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        if 0 <= r + dr < ROWS and 0 <= c + dc < COLS:
            yield (r + dr) * COLS + c + dc


@functools.lru_cache(maxsize=None)
def components(cells):
    """The connected components of a tuple of grid cells (union-find)."""
    parent = {l: l for l in cells}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for l in cells:
        for m in neighbours(l):
            if m in parent:
                parent[find(l)] = find(m)
    groups = {}
    for l in cells:
        groups.setdefault(find(l), []).append(l)
    return list(groups.values())


def lsvm_factor(a, b, n):
    return 1 + a / (100 * (1 + math.exp(b - n)))


def lsvm_instance(rng):
    bidders = []
    for _ in range(5):
        fav = rng.integers(0, ROWS) * COLS + rng.integers(0, COLS)
        fr, fc = divmod(fav, COLS)
        prox = [l for l in range(ROWS * COLS)
                if abs(l // COLS - fr) + abs(l % COLS - fc) <= 2]
        bidders.append(({l: rng.uniform(3, 20) for l in prox}, 160, 4))
    bidders.append(({l: rng.uniform(3, 9) for l in range(ROWS * COLS)},
                    320, 10))
    return bidders


def lsvm_solve(bidders, skip=()):
    """XOR bids over every non-empty subset of the licences each bidder
    values, worth the sum over its components of f(|C|) times their
    values."""
    nl, nb = ROWS * COLS, len(bidders)
    cols, value = [], []
    for i, (vals, a, b) in enumerate(bidders):
        if i in skip:
            continue
        prox = sorted(vals)
        for k in range(1, len(prox) + 1):
            for sub in itertools.combinations(prox, k):
                value.append(sum(lsvm_factor(a, b, len(g)) *
                                 sum(vals[l] for l in g)
                                 for g in components(sub)))
                cols.append((i, sub))
    A = np.zeros((nl + nb, len(cols)))
    for k, (i, cells) in enumerate(cols):
        A[list(cells), k] = 1
        A[nl + i, k] = 1
    res = milp(-np.array(value), constraints=LinearConstraint(A, -np.inf, 1),
               integrality=np.ones(len(cols)), bounds=Bounds(0, 1))
    assert res.status == 0, res.message
    won = [0] * nb
    for k in np.flatnonzero(res.x > 0.5):
        won[cols[k][0]] += len(cols[k][1])
    return -res.fun, won


def fixed(model):
    """Every value fixed (awkward numbers, the same as tests/cli/svm.sh
    writes): the maximum welfare W, for each bidder i W without i, the
    winners, and W(S and the losers) for every subset S of them."""
    global ROWS, COLS
    if model == "gsvm":
        size, nc = 6, 12
        high = lambda l: size // 3 * 2 <= l < size // 3 * 4
        bidders = []
        for p in range(3):  # regional_bidders: 3
            vals = {(2 * p + d) % nc: 12.9 if high((2 * p + d) % nc) else 7.3
                    for d in range(4)}
            vals.update({nc + (p + d) % size: 5.1 for d in range(2)})
            bidders.append((vals, 4, False))
        bidders.append(({l: 9.7 if high(l) else 4.4 for l in range(nc)},
                        nc, True))
        solve = lambda skip: gsvm_solve(18, bidders, 0.2, skip)
    else:
        ROWS, COLS = 2, 5
        every = range(ROWS * COLS)
        # regional_bidders: 1, proximity 10: it values the whole grid
        bidders = [({l: 4.7 for l in every}, 160, 4)]
        bidders.append(({l: 3.9 for l in every}, 320, 10))
        solve = lambda skip: lsvm_solve(bidders, skip)
    w, won = solve(())
    n = len(bidders)
    without = [solve((i,))[0] for i in range(n)]
    # The minimum core revenue (the bids are the values): over every
    # subset S of the winners, the winners outside S pay at least
    # W(S and losers) minus the values of the winners in S.
    winners = [i for i in range(n) if won[i] > 0]
    return {"welfare": w, "without": without, "winners": winners,
            "coalitions": {",".join(map(str, S)): solve(tuple(
                i for i in winners if i not in S))[0]
                for k in range(len(winners) + 1)
                for S in itertools.combinations(winners, k)}}


def main():
    global ROWS, COLS
    if sys.argv[1] == "fixed":
        print(json.dumps(fixed(sys.argv[2])))
        return
    model, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if model == "lsvm":
        ROWS, COLS = int(sys.argv[4]), int(sys.argv[5])
    rng = np.random.default_rng(seed)
    welfare, regional, national = [], [], []
    for _ in range(n):
        if model == "gsvm":
            nlic, bidders = gsvm_instance(rng)
            w, won = gsvm_solve(nlic, bidders)
        else:
            w, won = lsvm_solve(lsvm_instance(rng))
        welfare.append(w)
        regional.extend(won[:-1])
        national.append(won[-1])

    def stats(x):
        x = np.array(x, dtype=float)
        return {"mean": x.mean(), "sd": x.std(ddof=1), "n": len(x)}

    print(json.dumps({"welfare": stats(welfare),
                      "regional_licences": stats(regional),
                      "national_licences": stats(national)}))


if __name__ == "__main__":
    main()
