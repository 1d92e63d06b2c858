# reference_chain: the invariants of the whole chain (docs/model.md §5,
# "Invariants") on one replication of each reference scenario, with
# baseline and one strict policy each so that it stays short: the
# operators' value against its parts, the operators' and countries'
# components against the totals, auction revenue against payments, and
# the decomposition of each policy's effect (tests/reference_check.py
# chain). The licence obligations of the German and French files and the
# auctions of the UK, German, French and Swedish files are in force.
set -u
S=$SPECSIM
PY=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# The scenario $1 with only the policies named after it, into $2.
keep() {
  $PY - "$@" <<'PY' || exit 1
import re, sys
src, dst, keep = sys.argv[1], sys.argv[2], set(sys.argv[3:])
text = open(src).read()
head, rest = text.split("\npolicies:\n", 1)
m = re.search(r"\n(?=[a-z_]+:)", rest)
body, tail = (rest[:m.start() + 1], rest[m.start() + 1:]) if m else (rest, "")
items = re.split(r"\n(?=  - name: )", "\n" + body)
kept = [i for i in items if i.strip() and re.match(r"\s*- name: (\S+)", i).group(1) in keep]
assert len(kept) == len(keep), (src, sorted(keep))
open(dst, "w").write(head + "\npolicies:" + "".join("\n" + i.strip("\n") for i in kept) + "\n" + tail)
PY
}
check() {  # scenario, flags of the check, policies
  sc=$1; flags=$2; shift 2
  name=$(basename "$sc" .yaml)
  keep "$sc" "$tmp/$name.yaml" "$@"
  $S validate "$tmp/$name.yaml" > /dev/null || exit 1
  $S run "$tmp/$name.yaml" -n 1 -j 2 -q --per-rep -o "$tmp/$name" > /dev/null || exit 1
  $PY tests/reference_check.py chain $flags "$tmp/$name" || exit 1
}
check scenarios/uk-2020.yaml --interest-free baseline jul2020_ban
check scenarios/germany-2019.yaml --interest-free baseline ran_removal
check scenarios/eu-coordinated.yaml "" baseline eu_removal
check scenarios/france-2020.yaml --interest-free baseline full_ban
check scenarios/sweden-2021.yaml --interest-free baseline pts2020
grep -q '^obligations:' "$tmp/germany-2019.yaml" || { echo "the German obligations were dropped"; exit 1; }
grep -q '^obligations:' "$tmp/france-2020.yaml" || { echo "the French obligations were dropped"; exit 1; }
echo ok
