# licence_bids: bidders price the licence terms (docs/model.md §7).
# Obligations ("Licence obligations in the values"): three lots of
# tests/data/small_auction.yaml's 3.6 GHz band, at most three a bidder,
# with a hard obligation on every winner: 2,500 5G sites in the rural
# region by 2022, several times what either network needs there (the
# missing sites cost each bidder about EUR 0.3bn, against package values
# of EUR 0.1bn or less). Ignoring it (bidders_price_obligations: false)
# the clock runs ~60 rounds and beta wins a lot; pricing it, beta values
# every package below the reserve and alpha alone takes the three lots at
# the reserve (3 x EUR 2m): the obligated band's revenue falls. Without
# obligations the flag changes nothing.
# Financing ("Financing in the bids"): the same three lots without
# obligations, both capex budgets cut to EUR 10m, so that the two
# instalments of a price above EUR 20m are partly borrowed. Counting the
# borrowing (bidders_price_financing: true), no auction raises more and
# the baseline raises less (about EUR 154m against 158m over four
# replications); without financing needs the flag changes nothing.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed -e 's/^    lots: 20$/    lots: 3/' -e 's/^  caps: {b3600: 12}$/  caps: {b3600: 3}/' \
  tests/data/small_auction.yaml > "$tmp/none.yaml"
grep -q '^    lots: 3$' "$tmp/none.yaml" && grep -q '^  caps: {b3600: 3}$' "$tmp/none.yaml" \
  || { echo "small_auction.yaml changed: lots or caps line not found"; exit 1; }
cp "$tmp/none.yaml" "$tmp/on.yaml"
printf 'obligations:\n  - {band: b3600, scope: sites, regions: country, sites: 2500, year: 2022, hard: true}\n' \
  >> "$tmp/on.yaml"
off() { sed 's/^  payment_years: 2$/  payment_years: 2\n  bidders_price_obligations: false/' "$1" > "$2"; }
off "$tmp/on.yaml" "$tmp/off.yaml"
off "$tmp/none.yaml" "$tmp/none_off.yaml"
grep -q 'bidders_price_obligations: false' "$tmp/off.yaml" || { echo "no flag line"; exit 1; }
for f in on off none none_off; do
  $S auction "$tmp/$f.yaml" -n 2 -q -o "$tmp/$f" > /dev/null || exit 1
done
cmp "$tmp/none/auction.csv" "$tmp/none_off/auction.csv" || { echo "the flag moved an auction without obligations"; exit 1; }
python3 - "$tmp" <<'PY' || exit 1
import csv, sys
d = sys.argv[1]
def get(run, rep, metric, bidder="", band=""):
    rows = [r for r in csv.DictReader(open(f"{d}/{run}/auction.csv"))
            if r["replication"] == str(rep) and r["policy"] == "baseline"
            and r["bidder"] == bidder and r["band"] == band and r["metric"] == metric]
    assert len(rows) == 1, (run, rep, metric, bidder, band, rows)
    return float(rows[0]["value"])
for rep in (0, 1):
    on, off = get("on", rep, "revenue"), get("off", rep, "revenue")
    print(f"replication {rep}: revenue {on:.0f} priced, {off:.0f} ignored")
    assert on == 3 * 2.0e6, on
    assert off > 10 * on, off
    assert get("on", rep, "lots_won", "alpha", "b3600") == 3
    assert get("on", rep, "lots_won", "beta", "b3600") == 0
    assert get("off", rep, "lots_won", "beta", "b3600") >= 1
PY
sed -e 's/capex_budget_eur_year: [56].0e7/capex_budget_eur_year: 1.0e7/' \
  "$tmp/none.yaml" > "$tmp/poor.yaml"
[ "$(grep -c 'capex_budget_eur_year: 1.0e7' "$tmp/poor.yaml")" = 2 ] || { echo "budget lines not found"; exit 1; }
fin() { sed 's/^  payment_years: 2$/  payment_years: 2\n  bidders_price_financing: true/' "$1" > "$2"; }
fin "$tmp/poor.yaml" "$tmp/poor_fin.yaml"
fin "$tmp/none.yaml" "$tmp/none_fin.yaml"
for f in poor poor_fin none_fin; do
  $S auction "$tmp/$f.yaml" -n 4 -q -o "$tmp/$f" > /dev/null || exit 1
done
$S auction "$tmp/none.yaml" -n 4 -q -o "$tmp/none4" > /dev/null || exit 1
cmp "$tmp/none4/auction.csv" "$tmp/none_fin/auction.csv" || { echo "financing moved an auction that borrows nothing"; exit 1; }
python3 - "$tmp" <<'PY' || exit 1
import csv, sys
d = sys.argv[1]
def revenue(run):
    return {(r["replication"], r["policy"]): float(r["value"])
            for r in csv.DictReader(open(f"{d}/{run}/auction.csv"))
            if r["metric"] == "revenue" and r["bidder"] == "" and r["band"] == ""}
a, b = revenue("poor"), revenue("poor_fin")
assert a.keys() == b.keys() and len(a) == 20, (len(a), len(b))
for k in a:
    assert b[k] <= a[k], (k, a[k], b[k])
base = [k for k in a if k[1] == "baseline"]
lo, hi = sum(b[k] for k in base) / 4, sum(a[k] for k in base) / 4
print(f"baseline revenue {lo:.0f} counting the financing, {hi:.0f} without")
assert lo < hi
PY
echo ok
