# A policy that fails in every replication: the odd-cycle auction of
# tests/data/auction_cycle.yaml cannot be solved within its node limit of
# 1, so every replication of baseline fails. `run` writes its results,
# names the policy and its first failure on stderr and exits 1 (it used to
# exit 0 with the failures only in a column); with a node limit that lets
# winner determination finish, the same file runs cleanly. `specsim
# auction` stops at the failure with exit 1.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
F=tests/data/auction_cycle.yaml
$S run $F -q -o "$tmp/a" > "$tmp/t.txt" 2> "$tmp/err"; rc=$?
cat "$tmp/err"
[ $rc -eq 1 ] || { echo "exit $rc, expected 1"; exit 1; }
grep -q "^specsim: error: policy 'baseline' failed in every one of its 2 replications; first, replication 0: auction (policy 'baseline'): auction sealed_second: winner determination: node limit (1) reached" "$tmp/err" \
  || { echo "no loud message"; exit 1; }
[ -s "$tmp/a/summary.csv" ] || { echo "results not written"; exit 1; }
grep -q "^baseline  *0.0%  *0.0%  *100.0%  0 of 2$" "$tmp/t.txt" || { cat "$tmp/t.txt"; exit 1; }
sed 's/mip_node_limit: 1}/mip_node_limit: 1000}/' $F > "$tmp/ok.yaml"
grep -q "mip_node_limit: 1000" "$tmp/ok.yaml" || exit 1
$S run "$tmp/ok.yaml" -q -o "$tmp/b" > /dev/null 2> "$tmp/err2" || { cat "$tmp/err2"; exit 1; }
grep -q "failed in every" "$tmp/err2" && exit 1
$S auction $F -q -o "$tmp/c" > /dev/null 2> "$tmp/err3"; rc=$?
[ $rc -eq 1 ] || { echo "auction exit $rc, expected 1"; exit 1; }
grep -q "node limit (1) reached" "$tmp/err3" || exit 1
[ ! -e "$tmp/c" ] || { echo "a failed study left a result set"; exit 1; }
echo ok
