# The closed form: mean cost 2050, standard error about 0.2; within 4 of them,
# and the reported standard error agrees with 1000 x 0.1 / sqrt(12 x 20000).
$ envelope montecarlo tests/golden/data/uplift-mc.yaml --metric cost --format json | python3 -c 'import json,sys; m=json.load(sys.stdin)["metrics"]["cost"]; print(abs(m["mean"]-2050) < 4*0.2042, abs(m["se"]-0.2042) < 0.01, 1000 <= m["min"] <= m["p50"] <= m["max"] <= 2100)'
True True True
>= 0

# The same seed gives byte-identical output whatever the threads.
$ envelope montecarlo examples/coventry-2019.yaml -n 3000 --threads 1 --format json > /tmp/envelope-golden-mc1.json && envelope montecarlo examples/coventry-2019.yaml -n 3000 --threads 2 --format json | cmp - /tmp/envelope-golden-mc1.json && echo identical
identical
>= 0

# Each draw re-runs with eval --set to the penny.
$ envelope montecarlo examples/coventry-2019.yaml -n 500 --metric cost --metric min_headroom --draws-out /tmp/envelope-golden-draws.csv > /dev/null && sed -n '2p;200p;501p' /tmp/envelope-golden-draws.csv | while IFS=, read d u c x cost minh; do [ "$(envelope eval examples/coventry-2019.yaml cost min_headroom --set assumptions.uplift=$u --set funding.public_health.change=$c --set defaults.exercise=$x | paste -sd,)" = "$cost,$minh" ] && echo "draw $d ok"; done
draw 0 ok
draw 198 ok
draw 499 ok
>= 0

$ head -1 /tmp/envelope-golden-draws.csv
draw,assumptions.uplift,funding.public_health.change,defaults.exercise,cost,min_headroom
>= 0

# The copula gives the requested rank correlation (-0.5) within 4 standard errors (0.75/sqrt(n)).
$ envelope montecarlo examples/coventry-2019.yaml -n 20000 --metric cost --draws-out /tmp/envelope-golden-draws2.csv > /dev/null && python3 tests/golden/data/rank_correlation.py /tmp/envelope-golden-draws2.csv assumptions.uplift funding.public_health.change -0.5
True
>= 0

$ printf 'scenario: {name: S, start: 2024-04-01}\nenvelope: {annual: 1}\ncontracts: {x: {annual: 1, term: 1}}\nsensitivity:\n  parameters:\n    contracts.x.annual: {low: 1, high: 2}\n    envelope.annual: {low: 1, high: 2}\n    contracts.x.term: {low: 1, high: 2, dist: discrete, values: [1, 2]}\n  correlation:\n    - [contracts.x.annual, envelope.annual, 0.9]\n    - [envelope.annual, contracts.x.term, 0.9]\n    - [contracts.x.annual, contracts.x.term, -0.9]\n' | envelope montecarlo - -n 10
>2
<stdin>:11:7: sensitivity.correlation: the correlations are not consistent (the matrix is not positive definite) once envelope.annual and contracts.x.term (0.9) are added: lower one of them, or drop one
>= 2

# A fan of cost per financial year: the first nine months are 1,010,966.25
# whatever the uplift (no anniversary yet) and the extensions. CSV holds one
# table: --table fan chooses it.
$ envelope montecarlo examples/coventry-2019.yaml -n 2000 --metric cost --by fy --format csv --table fan | grep '^2019/20,'
2019/20,1010966.25,0.00,0.00,1010966.25,1010966.25,1010966.25,1010966.25,1010966.25,1010966.25,1010966.25,1010966.25,1010966.25
>= 0

# Ctrl-C stops cleanly: a message, exit 130, no output file.
$ rm -f /tmp/envelope-golden-mc-int.json; timeout -s INT 0.5 envelope montecarlo examples/coventry-2019.yaml -n 5000000 -o /tmp/envelope-golden-mc-int.json 2>&1 | sed 's/after [0-9]* of/after N of/'; ls /tmp/envelope-golden-mc-int.json 2>/dev/null; echo done
envelope: interrupted after N of 5000000 draws; nothing written
done
>= 0

# A PERT parameter is drawn again for its ranks, as every parameter of one
# step is (its quantile interpolates, model/beta_quantile.h): the same
# output for any number of threads, fan included;
$ envelope montecarlo tests/golden/data/pert-mc.yaml --by fy --threads 1 --format json > /tmp/envelope-golden-pert1.json && envelope montecarlo tests/golden/data/pert-mc.yaml --by fy --threads 2 --format json | cmp - /tmp/envelope-golden-pert1.json && envelope montecarlo tests/golden/data/pert-mc.yaml --by fy --threads 3 --format json | cmp - /tmp/envelope-golden-pert1.json && echo identical
identical
>= 0

# every rank correlation as Spearman's rho of the --draws-out columns,
# recomputed from them alone (average ranks for ties);
$ envelope montecarlo tests/golden/data/pert-mc.yaml --metric cost --metric headroom --metric shortfall_years --format json --draws-out /tmp/envelope-golden-pert.csv > /tmp/envelope-golden-pert.json && python3 tests/golden/data/spearman_check.py /tmp/envelope-golden-pert.csv /tmp/envelope-golden-pert.json
9 rank correlations agree
>= 0

# and each --draws-out row re-runs with eval --set to the penny.
$ envelope montecarlo tests/golden/data/pert-mc.yaml -n 300 --metric cost --metric min_headroom --draws-out /tmp/envelope-golden-pert2.csv > /dev/null && sed -n '2p;150p;301p' /tmp/envelope-golden-pert2.csv | while IFS=, read d u g x cost minh; do [ "$(envelope eval tests/golden/data/pert-mc.yaml cost min_headroom --set assumptions.uplift=$u --set funding.grant.change=$g --set defaults.exercise=$x | paste -sd,)" = "$cost,$minh" ] && echo "draw $d ok"; done
draw 0 ok
draw 148 ok
draw 299 ok
>= 0

# Ctrl-C while drawing, writing --draws-out or summarising: a message and
# nothing left behind, not even a temporary; or, if the run was done first,
# both files whole. (Which phase each signal lands in depends on the machine:
# on the project's 2-core VM, one in each.)
$ for t in 0.3 0.9 1.5; do d=$(mktemp -d) && said=$(timeout -s INT $t envelope montecarlo examples/coventry-2019.yaml -n 2000000 --quiet --draws-out $d/draws.csv -o $d/out.json 2>&1); left=$(ls -A $d | paste -sd' '); case "$said|$left" in "envelope: interrupted "*"; nothing written|") echo ok;; "|draws.csv out.json") echo ok;; *) echo "$said|$left";; esac; rm -rf $d; done
ok
ok
ok
>= 0

# PERT keys too wide to pack with the draw number: where two share their top
# bits, their values drawn again order them, as Spearman's rho of the
# --draws-out columns says.
$ envelope montecarlo tests/golden/data/pert-wide-mc.yaml -n 70000 --metric cost --format json --draws-out /tmp/envelope-golden-pertw.csv > /tmp/envelope-golden-pertw.json && python3 tests/golden/data/spearman_check.py /tmp/envelope-golden-pertw.csv /tmp/envelope-golden-pertw.json
5 rank correlations agree
>= 0

# Percentiles on a half penny (SPEC 4): ten draws of an annual of £100.00 or
# £100.01, five of each with seed 2, so the median and mean are exactly
# £100.005 (headroom -£0.005), which round away from zero; every percentile
# recomputed exactly from --draws-out alone is the figure that CSV, Markdown
# and JSON all show.
$ d=$(mktemp -d) && for f in csv md json; do envelope montecarlo tests/golden/data/halfpenny-mc.yaml --seed 2 --metric cost --metric headroom --quiet -o $d/s.$f --draws-out $d/d.$f.csv || echo failed; done && python3 tests/golden/data/percentile_check.py $d/d.csv.csv $d/s.csv $d/s.md $d/s.json; rm -rf $d
20 figures agree in every format, 4 of them exact half pennies
>= 0

$ envelope montecarlo tests/golden/data/halfpenny-mc.yaml --seed 2 --metric cost --metric headroom --format csv --quiet | head -3 | cut -d, -f1,2,9
metric,mean,p50
cost,100.01,100.01
headroom,-0.01,-0.01
>= 0

# The example's percentiles are the same figures in CSV and JSON.
$ envelope montecarlo examples/coventry-2019.yaml -n 20001 --format csv --quiet | head -7 > /tmp/envelope-golden-mc.csv && envelope montecarlo examples/coventry-2019.yaml -n 20001 --format json --quiet | python3 -c "import csv, json, sys; j = json.load(sys.stdin)['metrics']; rows = list(csv.DictReader(open('/tmp/envelope-golden-mc.csv'))); bad = [(r['metric'], k) for r in rows for k in r if k not in ('metric', 'p_below_zero') and f\"{j[r['metric']][k]:.2f}\" != r[k]]; print(len(rows) * 12 - len(bad), 'agree', bad)"
72 agree []
>= 0

# Counts and seeds from the command line are checked, never silently changed:
# -n 0 used to run 10,000 draws, --seed -5 seed 1, and a seed past 2^63 was
# clamped. A count may be written 20,000 or 2e4.
$ envelope montecarlo examples/coventry-2019.yaml -n 0
>2
envelope: -n 0: expected a whole number of draws from 1 to 100,000,000
>= 2

$ envelope montecarlo examples/coventry-2019.yaml --seed -5
>2
envelope: --seed -5: expected a seed, a whole number, from 0 to 9,223,372,036,854,775,807
>= 2

$ envelope montecarlo examples/coventry-2019.yaml --seed 9223372036854775808
>2
envelope: --seed 9223372036854775808: expected a seed, a whole number, from 0 to 9,223,372,036,854,775,807
>= 2

$ envelope montecarlo examples/coventry-2019.yaml -n 1e5.5
>2
envelope: -n 1e5.5: expected a whole number of draws from 1 to 100,000,000
>= 2

$ a=$(envelope montecarlo examples/coventry-2019.yaml -n 2e4 --quiet --format json); b=$(envelope montecarlo examples/coventry-2019.yaml -n 20,000 --quiet --format json); c=$(envelope montecarlo examples/coventry-2019.yaml -n 20000 --quiet --format json); [ "$a" = "$c" ] && [ "$b" = "$c" ] && echo same
same
>= 0

# Per-year parameters (SPEC 4): one --draws-out column per step, PATH[1],
# PATH[2], ... (8 anniversaries of a 9-year contract; 8 financial years after
# the first of 9);
$ envelope montecarlo examples/per-year-inflation.yaml -n 300 --metric cost --metric min_gap --quiet --draws-out /tmp/envelope-golden-per-year.csv > /dev/null && head -1 /tmp/envelope-golden-per-year.csv | tr , '\n' | paste -sd' '
draw defaults.uplift[1] defaults.uplift[2] defaults.uplift[3] defaults.uplift[4] defaults.uplift[5] defaults.uplift[6] defaults.uplift[7] defaults.uplift[8] funding.public_health.change[1] funding.public_health.change[2] funding.public_health.change[3] funding.public_health.change[4] funding.public_health.change[5] funding.public_health.change[6] funding.public_health.change[7] funding.public_health.change[8] cost min_gap
>= 0

# each row replays through eval --set 'PATH=[v1, v2, ...]' to the penny;
$ sed -n '2p;150p;301p' /tmp/envelope-golden-per-year.csv | while IFS=, read d u1 u2 u3 u4 u5 u6 u7 u8 c1 c2 c3 c4 c5 c6 c7 c8 cost mingap; do [ "$(envelope eval examples/per-year-inflation.yaml cost min_gap --set "defaults.uplift=[$u1, $u2, $u3, $u4, $u5, $u6, $u7, $u8]" --set "funding.public_health.change=[$c1, $c2, $c3, $c4, $c5, $c6, $c7, $c8]" | paste -sd,)" = "$cost,$mingap" ] && echo "draw $d ok"; done
draw 0 ok
draw 148 ok
draw 299 ok
>= 0

# and the output is the same for any number of threads.
$ envelope montecarlo examples/per-year-inflation.yaml -n 3000 --by fy --threads 1 --format json > /tmp/envelope-golden-py1.json && envelope montecarlo examples/per-year-inflation.yaml -n 3000 --by fy --threads 2 --format json | cmp - /tmp/envelope-golden-py1.json && envelope montecarlo examples/per-year-inflation.yaml -n 3000 --by fy --threads 3 --format json | cmp - /tmp/envelope-golden-py1.json && echo identical
identical
>= 0
