# A scenario whose rollout programs are large (8 operators, 8 regions, 12
# vendors, 30 years: 187,344 columns) is announced as slow by validate and
# by run before any replication, naming the size and the node limit; the
# reference scenarios are not.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp/large.yaml" <<'PY' || exit 1
import sys, yaml
s = yaml.safe_load(open('tests/data/small.yaml'))
s['horizon']['last_year'] = 2050
s['run']['replications'] = 1
geo = ['urban', 'suburban', 'rural']
s['regions'] = [{'name': f'r{i}', 'geotype': geo[i % 3], 'population': 2e6 / (i + 1),
                 'area_km2': 800 * 1.5 ** i, 'demand_mbps': 0.1, 'demand_growth': 0.05}
                for i in range(8)]
s['vendors'] = [dict({'name': f'v{i}', 'ran_new_eur': 100000 - 3000 * i,
                      'ran_upgrade_eur': 55000 - 1000 * i, 'core_eur': 3e7,
                      'integration_eur': 2e6, 'capacity_sites_year': 3000},
                     **({'high_risk': True, 'risk_score': 0.8} if i >= 10 else {}))
                for i in range(12)]
s['operators'] = [{'name': f'op{o}', 'subscriber_share': 0.12,
                   'holdings_mhz': {'b700': 10, 'b3600': 40},
                   'sites': {f'r{i}': 100 for i in range(8)},
                   'installed_base': {'v11': 0.5, 'v0': 0.5}, 'core_vendor': 'v0',
                   'capex_budget_eur_year': 1e8} for o in range(8)]
s['policies'] = [{'name': 'baseline'},
                 {'name': 'ban', 'instruments': [{'exclude': {
                     'vendors': 'high_risk', 'scope': 'all', 'from_year': 2021,
                     'removal_year': 2025}}]}]
yaml.safe_dump(s, open(sys.argv[1], 'w'), sort_keys=False)
PY
want="warning: policy 'ban' gives rollout programs of 75552 rows and 187344 columns (864 integer), more than 50000 columns"
$S validate "$tmp/large.yaml" > "$tmp/out.txt" 2> "$tmp/err.txt" || { cat "$tmp/err.txt"; exit 1; }
cat "$tmp/out.txt" "$tmp/err.txt"
grep -qF "$want" "$tmp/err.txt" || { echo "validate: no warning"; exit 1; }
grep -qF "run.mip_node_limit = 100000 nodes" "$tmp/err.txt" || { echo "validate: no node limit"; exit 1; }
# run warns before its first replication: stopped after the warning
$S run "$tmp/large.yaml" -n 1 -j 1 -q -o "$tmp/out" > /dev/null 2> "$tmp/run.txt" &
pid=$!
for _ in $(seq 100); do grep -qF "$want" "$tmp/run.txt" && break; sleep 0.1; done
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
grep -qF "$want" "$tmp/run.txt" || { cat "$tmp/run.txt"; echo "run: no warning"; exit 1; }
# the reference scenarios are not announced as slow
for f in scenarios/*.yaml tests/data/small.yaml; do
  $S validate "$f" 2>&1 >/dev/null | grep -q warning && { echo "$f: warned"; exit 1; }
done
echo ok
