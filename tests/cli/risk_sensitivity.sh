# sweep and tornado on the risk metrics: sweeping the hostile-incident
# probability moves the net benefit linearly and leaves the break-even
# probability unchanged; the tornado ranks the risk inputs among the
# others; a risk metric on a scenario without a risk section is refused.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S sweep tests/data/small_risk.yaml --param "risk.hostile_probability_year=0.01,0.02,0.04" \
   --metric net_benefit_npv --metric break_even_hostile_probability -n 3 -q \
   -o "$tmp/s" > /dev/null || exit 1
python3 - "$tmp/s/sweep.csv" <<'PY' || exit 1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
key = [k for k in rows[0] if k.startswith("risk.")][0]
def val(pol, metric, stat, x):
    for r in rows:
        if r["policy"] == pol and r["metric"] == metric and r["stat"] == stat and float(r[key]) == x:
            return float(r["value"])
    raise KeyError((pol, metric, stat, x))
for pol in ("mitigation", "cap35", "toolbox", "ban"):
    be = [val(pol, "break_even_hostile_probability", "mean", x) for x in (0.01, 0.02, 0.04)]
    assert max(be) - min(be) <= 1e-9 * max(be), (pol, be)
    nb = [val(pol, "net_benefit_npv", "mean", x) for x in (0.01, 0.02, 0.04)]
    # linear in the probability: equal steps per unit of probability
    s1, s2 = (nb[1] - nb[0]) / 0.01, (nb[2] - nb[1]) / 0.02
    assert abs(s1 - s2) <= 1e-6 * abs(s1), (pol, nb)
    assert s1 > 0, (pol, nb)
PY
$S tornado tests/data/small_risk.yaml --policy ban --metric net_benefit_npv -n 3 -q \
   -o "$tmp/t" > /dev/null || exit 1
grep -q "^[0-9]*,risk.hostile_probability_year," "$tmp/t/tornado.csv" || { head "$tmp/t/tornado.csv"; exit 1; }
out=$($S tornado tests/data/small.yaml --policy ban --metric net_benefit_npv -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "no risk section" || { echo "$out"; exit 1; }
out=$($S sweep tests/data/small.yaml --param "risk.outage_eur_user_day=1,2" -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "no risk section" || { echo "$out"; exit 1; }
echo ok
