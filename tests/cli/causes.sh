# Replications without a plan: each cause (infeasible, node limit, solver
# failed) has its own column, in the table and in --format csv, and the
# table says over how many replications the cost mean is taken when that
# is fewer than all. With a node limit of 1 some programs of ban and
# ban_bar (tests/data/small_auction.yaml) stop before any plan: they must
# show in the node-limit column (they used to show nowhere: "infeasible"
# 0 % while the mean covered half the replications).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed 's/^  seed: 42$/  seed: 42\n  mip_node_limit: 1/' tests/data/small_auction.yaml > "$tmp/nl.yaml"
grep -q "mip_node_limit: 1" "$tmp/nl.yaml" || exit 1
$S run "$tmp/nl.yaml" -n 6 -j 1 -q -o "$tmp/a" > "$tmp/t.txt" || exit 1
cat "$tmp/t.txt"
grep -q "^policy  *infeasible  node limit  solver failed  cost mean over$" "$tmp/t.txt" \
  || { echo "no block of causes"; exit 1; }
$S run "$tmp/nl.yaml" -n 6 -j 1 -q -o "$tmp/b" --format csv > "$tmp/t.csv" || exit 1
python3 - "$tmp/t.csv" "$tmp/t.txt" <<'PY' || exit 1
import csv, re, sys
rows = {r["policy"]: r for r in csv.DictReader(open(sys.argv[1]))}
text = open(sys.argv[2]).read()
short = 0
for name, r in rows.items():
    n, total = int(r["cost_total_npv_n"]), int(r["replications"])
    causes = sum(float(r[k]) for k in ("infeasible_share", "solver_limit_share",
                                       "solver_failed_share"))
    # every replication without a cost is counted under one cause
    assert abs((total - n) / total - causes) < 1e-9 or n == total, (name, n, causes)
    assert re.search(r"^%s .* %d of %d$" % (re.escape(name), n, total), text, re.M), name
    short += n < total
assert short > 0, "a node limit of 1 stopped no program before a plan"
# stopped before a plan: counted at the node limit, not as a solver failure
assert any(float(r["solver_limit_share"]) > 0 for r in rows.values()), rows
assert all(float(r["solver_failed_share"]) == 0 for r in rows.values()), rows
PY
$S run tests/data/small.yaml -n 3 -j 1 -q -o "$tmp/c" > "$tmp/ok.txt" || exit 1
grep -q "by cause" "$tmp/ok.txt" && { echo "a block of causes where every plan is optimal"; exit 1; }
echo ok
