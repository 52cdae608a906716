# Every command in every format it accepts (issue 14): the formats the
# other golden files leave out. Each is a format regression; one figure in
# each is confirmed independently, as its comment says.

# compare --format json. Confirmed by hand: the four contracts' year-1 values
# are 562,600 + 417,100 + 179,450 + 188,805 = 1,347,955 (SPEC's example) and
# the uplift is 0, so base cost over 5 + 2 + 2 years is 9 x 1,347,955 =
# 12131595.00 (the cabinet figure the example's own check quotes), and
# without extensions 5 x 1,347,955 = 6739775.00; the difference -5391820.00.
$ envelope compare examples/coventry-2019.yaml --variant no_extensions --format json 2>/dev/null
{
  "metrics": {
    "cost": {
      "base": 12131595.00,
      "no_extensions": 6739775.00
    },
    "envelope": {
      "base": 12131595.00,
      "no_extensions": 12131595.00
    },
    "headroom": {
      "base": 0.00,
      "no_extensions": 5391820.00
    },
    "min_headroom": {
      "base": 0.00,
      "no_extensions": 0.00
    },
    "shortfall_years": {
      "base": 0,
      "no_extensions": 0
    },
    "funding": {
      "base": 12131595.00,
      "no_extensions": 12131595.00
    },
    "gap": {
      "base": 0.00,
      "no_extensions": 5391820.00
    },
    "min_gap": {
      "base": 0.00,
      "no_extensions": 0.00
    },
    "npv": {
      "base": 10524008.07,
      "no_extensions": 6245847.22
    },
    "tcv": {
      "base": 12131595.00,
      "no_extensions": 6739775.00
    },
    "tcv_base": {
      "base": 6739775.00,
      "no_extensions": 6739775.00
    },
    "tcv_max": {
      "base": 12131595.00,
      "no_extensions": 12131595.00
    }
  },
  "differences": {
    "cost": {
      "no_extensions": -5391820.00
    },
    "envelope": {
      "no_extensions": 0.00
    },
    "headroom": {
      "no_extensions": 5391820.00
    },
    "min_headroom": {
      "no_extensions": 0.00
    },
    "shortfall_years": {
      "no_extensions": 0
    },
    "funding": {
      "no_extensions": 0.00
    },
    "gap": {
      "no_extensions": 5391820.00
    },
    "min_gap": {
      "no_extensions": 0.00
    },
    "npv": {
      "no_extensions": -4278160.85
    },
    "tcv": {
      "no_extensions": -5391820.00
    },
    "tcv_base": {
      "no_extensions": 0.00
    },
    "tcv_max": {
      "no_extensions": 0.00
    }
  }
}
>= 0

# compare --format md. Confirmed by hand as above: cost 12,131,595.00 and
# 6,739,775.00, headroom without extensions 12,131,595 - 6,739,775 = 5,391,820.00.
$ envelope compare examples/coventry-2019.yaml --variant no_extensions --format md 2>/dev/null
### Variants compared with base (difference: variant - base)

| Metric | base | no_extensions | diff no_extensions |
| :--- | ---: | ---: | ---: |
| cost | 12,131,595.00 | 6,739,775.00 | -5,391,820.00 |
| envelope | 12,131,595.00 | 12,131,595.00 | 0.00 |
| headroom | 0.00 | 5,391,820.00 | 5,391,820.00 |
| min_headroom | 0.00 | 0.00 | 0.00 |
| shortfall_years | 0 | 0 | 0 |
| funding | 12,131,595.00 | 12,131,595.00 | 0.00 |
| gap | 0.00 | 5,391,820.00 | 5,391,820.00 |
| min_gap | 0.00 | 0.00 | 0.00 |
| npv | 10,524,008.07 | 6,245,847.22 | -4,278,160.85 |
| tcv | 12,131,595.00 | 6,739,775.00 | -5,391,820.00 |
| tcv_base | 6,739,775.00 | 6,739,775.00 | 0.00 |
| tcv_max | 12,131,595.00 | 12,131,595.00 | 0.00 |
>= 0

# grid --format json: rates in full, amounts with two decimals. Confirmed: at
# uplift 0 headroom is 0.00, the envelope being the 12,131,595.00 of cost
# worked by hand above; at 2% it is -1017205.19, what compare's uplift_2pc
# variant gives in what-if.t and the README.
$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.02:0.01 --format json 2>/dev/null
{
  "metric": "headroom",
  "x": {
    "path": "assumptions.uplift",
    "values": [
      0,
      0.01,
      0.02
    ]
  },
  "y": null,
  "cells": [
    [
      0.00,
      -496758.17,
      -1017205.19
    ]
  ]
}
>= 0

# grid --format md over two parameters. Confirmed by hand: with no extension
# taken and no uplift, cost is 5 x 1,347,955 = 6,739,775, so headroom is
# 12,131,595 - 6,739,775 = 5,391,820.00.
$ envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.02:0.01 --y defaults.exercise=0,2 --format md 2>/dev/null
### Grid: headroom

| defaults.exercise \\ assumptions.uplift | 0% | 1% | 2% |
| :--- | ---: | ---: | ---: |
| 0 | 5,391,820.00 | 5,255,669.79 | 5,116,783.05 |
| 2 | 0.00 | -496,758.17 | -1,017,205.19 |
>= 0

# solve --format md. Confirmed with eval: --set assumptions.uplift=0.0100638
# gives headroom -500002.43, within a few pounds of the target, and the grid
# above has -496,758.17 at 1%, just short of it.
$ envelope solve examples/coventry-2019.yaml --vary assumptions.uplift --metric headroom --target -500000 --low 0 --high 0.05 --format md 2>/dev/null
### Break-even: headroom reaches -500,000.00

|  | Value |
| :--- | ---: |
| Parameter | assumptions.uplift |
| Value | 1.00638% |
| Metric achieved | -500,000.00 |
| Evaluations | 57 |
>= 0

# tornado --format md: rates as percentages, amounts with separators.
# Confirmed by hand: at exercise 0 cost is 5 x 1,347,955 = 6,739,775.00, and
# the swing 12,131,595 - 6,739,775 = 5,391,820.00.
$ envelope tornado examples/coventry-2019.yaml --metric cost --format md 2>/dev/null
### Tornado: cost (base 12,131,595.00)

| Parameter | Low | High | At low | At high | Swing |
| :--- | ---: | ---: | ---: | ---: | ---: |
| defaults.exercise | 0 | 2 | 6,739,775.00 | 12,131,595.00 | 5,391,820.00 |
| assumptions.uplift | 0% | 3% | 12,131,595.00 | 13,694,017.90 | 1,562,422.90 |
| funding.public_health.change | -5% | 0% | 12,131,595.00 | 12,131,595.00 | 0.00 |
>= 0

# montecarlo --format md on 2,000 draws. Confirmed outside envelope: the
# same run's --draws-out file, read in Python and averaged as exact
# fractions, gives a mean cost of 11264544.66831, which rounds to
# 11,264,544.67; all 2,000 draws have min_headroom below zero (100.00%).
$ envelope montecarlo examples/coventry-2019.yaml --draws 2000 --metric cost --metric min_headroom --format md 2>/dev/null
### Monte Carlo: 2,000 draws, seed 2019

| Metric | mean | se | sd | min | p5 | p10 | p25 | p50 | p75 | p90 | p95 | max | P(\< 0) |
| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| cost | 11,264,544.67 | 45,729.61 | 2,045,090.17 | 6,757,398.74 | 6,903,588.27 | 7,043,872.65 | 9,770,283.21 | 12,469,874.56 | 12,860,309.19 | 13,162,632.61 | 13,313,634.53 | 13,650,016.33 | 0.00% |
| min_headroom | -128,553.28 | 1,556.15 | 69,593.09 | -337,102.90 | -260,731.47 | -228,125.62 | -173,364.16 | -116,740.54 | -75,431.84 | -46,793.28 | -32,336.67 | -5,862.89 | 100.00% |

### Rank correlation with each metric (share of variance)

| Parameter | cost | min_headroom |
| :--- | ---: | ---: |
| assumptions.uplift | +0.485 (22%) | -0.904 (70%) |
| funding.public_health.change | -0.207 (4%) | +0.426 (15%) |
| defaults.exercise | +0.877 (73%) | -0.420 (15%) |

### Partial rank correlation with each metric (the others' ranks accounted for)

| Parameter | cost | min_headroom |
| :--- | ---: | ---: |
| assumptions.uplift | +0.919 | -0.971 |
| funding.public_health.change | +0.001 | +0.005 |
| defaults.exercise | +0.981 | -0.896 |
>= 0
