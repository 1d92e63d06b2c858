#!/usr/bin/python3
"""Known answers for the statistics over replications (sim/engine/agg.c).

Writes tests/data/agg_known.h, the fixture of tests/test_agg.c, to stdout:
fixed samples of (baseline, policy) pairs, fed to the accumulators one
replication at a time, and at chosen checkpoints the expected count, mean,
sample standard deviation, Student-t 95 % interval of the mean and the 5,
50 and 95 % quantiles of the baseline, the policy and their paired
difference. Everything is computed here independently of GSL: the mean and
deviation with NumPy, t with SciPy, the exact quantiles with NumPy's
default ("linear", Hyndman & Fan type 7), and the P-square estimates
(Jain & Chlamtac 1985) by a separate implementation of that algorithm
following GSL's documented conventions (first five values sorted when the
sixth arrives; the middle marker is the estimate from the fifth value on;
exact type 7 before). Non-finite values are left out, as the simulator
leaves out a metric that does not exist in a replication; a difference
needs both values.

The checkpoints straddle the switch from exact to streaming quantiles at
1,000 values (SPECSIM_EXACT_QUANTILES_MAX) and at 10 (its value in builds
with -DSPECSIM_TEST_LIMITS). tests/cli/agg_known.sh regenerates the file
and fails if the committed one differs.

Usage: /usr/bin/python3 tests/agg_known.py > tests/data/agg_known.h
"""
import math
import random
import sys

import numpy as np
from scipy import stats

QUANTILES = (0.05, 0.50, 0.95)
LEVEL = 0.95


def t_quantile(p, df):
    """Student's t quantile. SciPy's ppf is off by up to 4e-9 (relative)
    for some degrees of freedom, so it is refined by Newton steps on the
    distribution function, which SciPy computes to full precision."""
    x = float(stats.t.ppf(p, df))
    for _ in range(3):
        x -= (float(stats.t.cdf(x, df)) - p) / float(stats.t.pdf(x, df))
    return x


class PSquare:
    """One P-square marker set for quantile p."""

    def __init__(self, p):
        self.p = p
        self.q = []
        self.pos = [1, 2, 3, 4, 5]
        self.want = [1.0, 1.0 + 2.0 * p, 1.0 + 4.0 * p, 3.0 + 2.0 * p, 5.0]
        self.step = [0.0, 0.5 * p, p, 0.5 * (1.0 + p), 1.0]
        self.n = 0

    @staticmethod
    def parabolic(qp1, q, qm1, d, np1, n, nm1):
        outer = d / (np1 - nm1)
        left = (n - nm1 + d) * (qp1 - q) / (np1 - n)
        right = (np1 - n - d) * (q - qm1) / (n - nm1)
        return q + outer * (left + right)

    def add(self, x):
        self.n += 1
        if self.n <= 5:
            self.q.append(x)
            return
        if self.n == 6:
            self.q.sort()
        q, pos = self.q, self.pos
        # the cell k with q[k] <= x < q[k+1]; the extremes move outwards
        if x < q[0]:
            q[0] = x
            k = 0
        elif x >= q[4]:
            q[4] = x
            k = 3
        else:
            k = next(i for i in range(4) if q[i] <= x < q[i + 1])
        for i in range(k + 1, 5):
            pos[i] += 1
        for i in range(5):
            self.want[i] += self.step[i]
        for i in range(1, 4):
            d = self.want[i] - pos[i]
            if (d >= 1.0 and pos[i + 1] - pos[i] > 1) or \
               (d <= -1.0 and pos[i - 1] - pos[i] < -1):
                s = 1 if d > 0 else -1
                qp = self.parabolic(q[i + 1], q[i], q[i - 1], float(s),
                                    float(pos[i + 1]), float(pos[i]),
                                    float(pos[i - 1]))
                if q[i - 1] < qp < q[i + 1]:
                    q[i] = qp
                else:
                    q[i] += s * (q[i + s] - q[i]) / (pos[i + s] - pos[i])
                pos[i] += s

    def get(self):
        if self.n >= 5:
            return self.q[2]
        return float(np.quantile(np.array(self.q), self.p))


class Series:
    """The finite values of one series so far, and its P-square markers."""

    def __init__(self):
        self.values = []
        self.psq = [PSquare(p) for p in QUANTILES]

    def add(self, x):
        if not math.isfinite(x):
            return
        self.values.append(x)
        for m in self.psq:
            m.add(x)

    def stats(self):
        v = np.array(self.values)
        n = len(v)
        nan = float("nan")
        if n == 0:
            return [0.0] + [nan] * 10
        mean = float(np.mean(v))
        sd = float(np.std(v, ddof=1)) if n >= 2 else nan
        half = nan
        if n >= 2:
            half = t_quantile(0.5 + LEVEL / 2, n - 1) * sd / math.sqrt(n)
        exact = [float(np.quantile(v, p)) for p in QUANTILES]
        psq = [m.get() for m in self.psq]
        return [float(n), mean, sd, mean - half, mean + half] + exact + psq


def sample_main(rng):
    """Costs around 2.4e9 with a skewed spread; the policy costs more in
    most replications but not all (paired differences of both signs)."""
    base, pol = [], []
    for _ in range(1200):
        b = 2.385e9 * math.exp(rng.gauss(0.0, 0.3))
        base.append(round(b, 2))
        pol.append(round(b * (1.0 + rng.gauss(0.08, 0.05)) +
                         rng.gauss(0.0, 4.0e7), 2))
    return base, pol


def sample_ties(rng):
    """Few distinct values, many ties, negative and positive."""
    levels = (-1.5, 0.0, 2.385, 2.385, 7.25)
    base = [rng.choice(levels) for _ in range(60)]
    pol = [rng.choice(levels) for _ in range(60)]
    return base, pol


def sample_negative(rng):
    """Only negative values (operators' NPV under a costly policy), with
    replications where a value does not exist (NaN, infinite)."""
    base, pol = [], []
    for i in range(40):
        b = -round(rng.uniform(1.0e6, 9.0e6), 3)
        p = b - round(rng.expovariate(1.0 / 7.5e5), 3)
        if i % 7 == 3:
            p = float("nan")
        if i % 11 == 5:
            b = float("nan")
        if i == 17:
            p = float("inf")
        base.append(b)
        pol.append(p)
    return base, pol


SAMPLES = [
    ("main", sample_main,
     [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 20, 57, 999, 1000, 1001, 1200]),
    ("ties", sample_ties, [3, 5, 6, 10, 11, 12, 31, 60]),
    ("negative", sample_negative, [2, 5, 9, 10, 11, 12, 13, 25, 40]),
]


def c_double(x):
    if math.isnan(x):
        return "NAN"
    if math.isinf(x):
        return "INFINITY" if x > 0 else "-INFINITY"
    return repr(float(x))


def c_array(name, values):
    out = ["static const double %s[%d] = {" % (name, len(values))]
    line = "   "
    for x in values:
        item = " " + c_double(x) + ","
        if len(line) + len(item) > 78:
            out.append(line)
            line = "   "
        line += item
    out.append(line)
    out.append("};")
    return "\n".join(out)


def checks_of(base, pol, checkpoints):
    sb, sp, sd = Series(), Series(), Series()
    rows, done = [], 0
    for k in checkpoints:
        while done < k:
            b, p = base[done], pol[done]
            sb.add(b)
            sp.add(p)
            if math.isfinite(b) and math.isfinite(p):
                sd.add(p - b)
            done += 1
        rows.append((k, sb.stats(), sp.stats(), sd.stats()))
    return rows


def stats_init(s):
    return "{" + ", ".join(c_double(x) for x in s) + "}"


def main():
    rng = random.Random(2385)
    out = sys.stdout
    out.write("/* agg_known.h — GENERATED by tests/agg_known.py; do not edit.\n"
              " *\n"
              " * Samples of (baseline, policy) values by replication and the\n"
              " * statistics expected after the first `reps` of them: computed\n"
              " * with NumPy and SciPy (type-7 quantiles, Student's t) and an\n"
              " * independent P-square implementation. */\n"
              "#ifndef SPECSIM_AGG_KNOWN_H\n#define SPECSIM_AGG_KNOWN_H\n\n"
              "#include <math.h>\n\n"
              "/* n, mean, sd, ci95_lo, ci95_hi, exact p05 p50 p95, P-square\n"
              " * p05 p50 p95 (NaN where undefined). */\n"
              "enum { AK_N, AK_MEAN, AK_SD, AK_CI_LO, AK_CI_HI, AK_P05, AK_P50,\n"
              "       AK_P95, AK_PSQ05, AK_PSQ50, AK_PSQ95, AK_COUNT };\n\n"
              "typedef struct {\n    long reps;\n"
              "    double base[AK_COUNT], policy[AK_COUNT], delta[AK_COUNT];\n"
              "} agg_known_check;\n\n"
              "typedef struct {\n    const char *name;\n    int n;\n"
              "    const double *base, *policy;\n    int nchecks;\n"
              "    const agg_known_check *checks;\n} agg_known_sample;\n\n")
    table = []
    for name, make, checkpoints in SAMPLES:
        base, pol = make(rng)
        out.write(c_array("ak_%s_base" % name, base) + "\n\n")
        out.write(c_array("ak_%s_policy" % name, pol) + "\n\n")
        rows = checks_of(base, pol, checkpoints)
        out.write("static const agg_known_check ak_%s_checks[%d] = {\n"
                  % (name, len(rows)))
        for k, b, p, d in rows:
            out.write("    {%d,\n     %s,\n     %s,\n     %s},\n"
                      % (k, stats_init(b), stats_init(p), stats_init(d)))
        out.write("};\n\n")
        table.append('    {"%s", %d, ak_%s_base, ak_%s_policy, %d, ak_%s_checks},'
                     % (name, len(base), name, name, len(rows), name))
    out.write("static const agg_known_sample agg_known_samples[] = {\n")
    out.write("\n".join(table) + "\n};\n\n#endif\n")


if __name__ == "__main__":
    main()
