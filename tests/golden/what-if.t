# compare: no extensions is 5 x 1,347,955; one extension 7 x 1,347,955; a 2%
# uplift the issue's 13,148,800.19; the grant cut leaves cost alone.
$ envelope compare examples/coventry-2019.yaml --metric cost --format csv
metric,base,no_extensions,diff_no_extensions,one_extension,diff_one_extension,uplift_2pc,diff_uplift_2pc,ph_grant_cut,diff_ph_grant_cut
cost,12131595.00,6739775.00,-5391820.00,9435685.00,-2695910.00,13148800.19,1017205.19,12131595.00,0.00
>= 0

# Ad hoc variants, and one metric per period: the first year is 9 months.
$ envelope compare examples/coventry-2019.yaml --variant 'none:defaults.exercise=0' --metric cost --by fy --format csv | head -3
period,base,none
2019/20,1010966.25,1010966.25
2020/21,1347955.00,1347955.00
>= 0

# A variant is projected over the base scenario's horizon (SPEC 4): with no
# extension taken the contracts end in June 2024, so 2028/29 costs nothing.
$ envelope compare examples/coventry-2019.yaml --variant 'none:defaults.exercise=0' --metric cost --by fy --format csv | tail -1
2028/29,336988.75,0.00
>= 0

# Over the base's nine years, no extension leaves the envelope unspent for
# the four years of extensions: 4 x 1,347,955 = 5,391,820 of headroom.
$ envelope compare examples/coventry-2019.yaml --metric headroom --format csv
metric,base,no_extensions,diff_no_extensions,one_extension,diff_one_extension,uplift_2pc,diff_uplift_2pc,ph_grant_cut,diff_ph_grant_cut
headroom,0.00,5391820.00,5391820.00,2695910.00,2695910.00,-1017205.19,-1017205.19,0.00,0.00
>= 0

$ envelope compare examples/coventry-2019.yaml --variant uplift_2cp
>2
envelope: unknown variant 'uplift_2cp' (did you mean 'uplift_2pc'?) (an ad hoc one is written 'name:path=value,path=value')
>= 2

# tornado: every row equals eval --set at the parameter's low and high. Over
# the base's horizon, taking no extension swings headroom by 4 x 1,347,955 =
# 5,391,820, the largest swing: its row comes first.
$ envelope tornado examples/coventry-2019.yaml --format csv | tail -n +2 | while IFS=, read p lo hi at_lo at_hi swing; do [ "$(envelope eval examples/coventry-2019.yaml headroom --set $p=$lo)" = "$at_lo" ] && [ "$(envelope eval examples/coventry-2019.yaml headroom --set $p=$hi)" = "$at_hi" ] && echo "$p ok"; done
defaults.exercise ok
assumptions.uplift ok
funding.public_health.change ok
>= 0

$ envelope tornado examples/coventry-2019.yaml --format csv | grep exercise
defaults.exercise,0,2,5391820.00,0.00,5391820.00
>= 0

# Without a sensitivity block: --spread around each amount and rate.
$ envelope tornado examples/declining-grant.yaml --spread 10% --metric gap --format csv | sed -n 2p | cut -d, -f1-3
contracts.adult_treatment.annual,1125000,1375000
>= 0

$ envelope tornado examples/declining-grant.yaml --spread 10% --metric gap --format csv | tail -n +2 | while IFS=, read p lo hi at_lo at_hi swing; do [ "$(envelope eval examples/declining-grant.yaml gap --set $p=$lo)" = "$at_lo" ] && [ "$(envelope eval examples/declining-grant.yaml gap --set $p=$hi)" = "$at_hi" ] || echo "$p differs"; done
>= 0

# grid: every cell equals eval --set at its x and y.
$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.03:0.01 --y defaults.exercise=0,1,2 --metric min_headroom --format csv | head -1
defaults.exercise \ assumptions.uplift,0,0.01,0.02,0.03
>= 0

$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.03:0.01 --y defaults.exercise=0,1,2 --metric min_headroom --format csv | tail -n +2 | while IFS=, read y c0 c1 c2 c3; do for x in 0:$c0 0.01:$c1 0.02:$c2 0.03:$c3; do [ "$(envelope eval examples/coventry-2019.yaml min_headroom --set defaults.exercise=$y --set assumptions.uplift=${x%%:*})" = "${x#*:}" ] || echo "cell $y ${x%%:*} differs"; done; done
>= 0

# The uplift list of one-way grids, and the 2% cell the issue gives.
$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0.02 --metric cost --format csv
assumptions.uplift,cost
0.02,13148800.19
>= 0

# solve: the uplift at which headroom falls to -£500,000 (0.0100638 to 6 figures),
# printed exactly, so that eval --set at that value gives the target, and
# the double just below it does not.
$ envelope solve examples/coventry-2019.yaml --vary assumptions.uplift --metric headroom --target -500000 --low 0 --high 0.05 | grep '^Value'
Value                      1.00638%
>= 0

$ envelope eval examples/coventry-2019.yaml headroom --set assumptions.uplift=0.01006375226574681
-500000.00
>= 0

$ envelope eval examples/coventry-2019.yaml headroom --set assumptions.uplift=0.010063752265746809
-499999.99
>= 0

# Amounts beyond 64-bit pence are an error, never a wrapped number.
# A discount rate of -100% or less is refused where it is written.
$ envelope eval examples/coventry-2019.yaml npv --set assumptions.discount_rate=-1
>2
--set:1:27: assumptions.discount_rate: expected a rate above -1 (-100%), got -1
>= 2

$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.03:0.01 --y assumptions.uplift=0,0.05
>2
envelope: --x and --y vary the same path, assumptions.uplift
>= 2

# Varying exercise where it is "all", and uplift a contract takes from defaults.
$ envelope grid examples/declining-grant.yaml --x contracts.adult_treatment.exercise=0,1,2 --metric cost --format csv | tail -n +2 | while IFS=, read x v; do [ "$(envelope eval examples/declining-grant.yaml cost --set contracts.adult_treatment.exercise=$x)" = "$v" ] && echo "$x ok"; done
0 ok
1 ok
2 ok
>= 0

$ envelope tornado examples/declining-grant.yaml --metric cost --param contracts.adult_treatment.uplift=0:0.05 --param envelope.annual=1900000:2100000 --format json | grep '"base"'
  "base": 8428895.05,
>= 0

$ envelope eval examples/declining-grant.yaml cost
8428895.05
>= 0

$ envelope grid examples/coventry-2019.yaml --x 'contracts.*.uplift=0,0.02'
>2
parameter:1:1: contracts.*.uplift: a parameter is one number: name it without '*'
>= 2

$ envelope solve examples/coventry-2019.yaml --vary assumptions.uplift --metric headroom --target 100 --low 0 --high 0.05
>2
envelope: no value of assumptions.uplift in [0%, 5%] brings headroom to 100.00: it is 0.00 at 0% and -2,731,717.56 at 5%
>= 1

# A whole-number parameter: the fewest extensions that cost at least £9m (7 years).
$ envelope solve examples/coventry-2019.yaml --vary defaults.exercise --metric cost --target 9000000 --low 0 --high 2 --format json | grep -E '"(value|achieved)"'
  "value": 1,
  "achieved": 9435685.00,
>= 0

# check: all three pass; with a smaller envelope exactly one fails.
$ envelope check examples/coventry-2019.yaml
PASS  Fits the envelope every year: min_headroom = 0.00 (min 0.00)
PASS  Nine-year cost as reported to cabinet: cost = 12,131,595.00 (12,131,595.00 ± 0.50)
PASS  Extensions-off cost: cost [no_extensions] = 6,739,775.00 (max 6,800,000.00)
3 passed, 0 failed
>= 0

# 1,300,000 a year is 47,955 short of 1,347,955 in every full year.
$ envelope check examples/coventry-2019.yaml --set envelope.annual=1300000 --junit /tmp/envelope-golden-junit.xml; grep -c '<failure' /tmp/envelope-golden-junit.xml; grep -o 'failures="[0-9]*"' /tmp/envelope-golden-junit.xml | head -1
FAIL  Fits the envelope every year: min_headroom = -47,955.00 (min 0.00)
PASS  Nine-year cost as reported to cabinet: cost = 12,131,595.00 (12,131,595.00 ± 0.50)
PASS  Extensions-off cost: cost [no_extensions] = 6,739,775.00 (max 6,800,000.00)
2 passed, 1 failed
1
failures="1"
>= 0

$ envelope check examples/coventry-2019.yaml --filter Nine --format json
{
  "passed": 1,
  "failed": 0,
  "checks": [
    {
      "file": "examples/coventry-2019.yaml",
      "name": "Nine-year cost as reported to cabinet",
      "variant": null,
      "metric": "cost",
      "actual": 12131595.00,
      "expected": {
        "equals": 12131595.00,
        "tolerance": 0.50
      },
      "ok": true
    }
  ]
}
>= 0

# solve on an amount reports the whole pence the scenario takes: nine years of
# counselling at 188,805 + x cost 9x more, so -1,000 of headroom needs
# x >= 111.111..., the first penny being 111.12 (9 x 111.12 = 1,000.08);
# at 188,916.11 it falls short by a penny's worth.
$ envelope solve examples/coventry-2019.yaml --vary contracts.sva_counselling.annual --metric headroom --target -1000 --low 100000 --high 300000 --format csv | grep -v iterations
item,value
parameter,contracts.sva_counselling.annual
value,188916.12
achieved,-1000.08
>= 0

$ envelope eval examples/coventry-2019.yaml headroom --set contracts.sva_counselling.annual=188916.11
-999.99
>= 0

# A spread typed as a plain number above 1 (10 for 10%) says the fix.
$ envelope tornado examples/declining-grant.yaml --spread 10 2>&1 | tail -1
envelope: --spread 10: expected a spread above 0 and below 100% (10 would be 1000%: write 10% or 0.1)
>= 0

# An unknown contract in cost.ID lists the contracts, and says how a group's cost is written.
$ envelope eval examples/coventry-2019.yaml cost.family
>2
envelope: unknown contract 'family'; the contracts are da_victims, da_accommodation, da_perpetrator, sva_counselling (a group's cost is cost.group.NAME)
>= 2

# --sections as typed, with spaces after the commas.
$ envelope report examples/coventry-2019.yaml --sections "summary, checks" | grep '^## '
## Summary
## Checks
>= 0
