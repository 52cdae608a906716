# Figures worked out by hand: 3/12 of £1,200 falls in 2023/24 (Jan-Mar), the
# rest in 2024/25. The envelope and funding are split over the months of each
# financial year: 2023/24 holds its last 3 months (Jan-Mar), 2024/25 its first 9.

# CSV: one line per row, plain decimals, totals that are sums of the rows.
$ envelope run tests/golden/data/small.yaml --format csv
line,2023/24,2024/25,total
cost.small,300.00,900.00,1200.00
cost,300.00,900.00,1200.00
envelope,250.00,750.00,1000.00
headroom,-50.00,-150.00,-200.00
funding.a,150.00,450.00,600.00
funding,150.00,450.00,600.00
gap,-150.00,-450.00,-600.00
committed.a,300.00,900.00,1200.00
balance.a,-150.00,-450.00,-600.00
>= 0

# The same by month: the first three months of the contract year.
$ envelope run tests/golden/data/small.yaml --format csv --by month | head -3 | cut -d, -f1-4
line,2024-01,2024-02,2024-03
cost.small,100.00,100.00,100.00
cost,100.00,100.00,100.00
>= 0

# Contract years of the horizon: one whole year.
$ envelope run tests/golden/data/small.yaml --format csv --by contract-year | head -2
line,Y1,total
cost.small,1200.00,1200.00
>= 0

# Calendar years: all of 2024.
$ envelope run tests/golden/data/small.yaml --format csv --by calendar | head -2
line,2024,total
cost.small,1200.00,1200.00
>= 0

# JSON: npv = 300 + 900 / 1.035 = 1169.565... -> 1169.57.
$ envelope run tests/golden/data/small.yaml --format json
{
  "scenario": {
    "name": "Small",
    "start": "2024-01-01",
    "end": "2024-12-31",
    "fiscal_year_start": 4,
    "apportion": "months"
  },
  "basis": "fy",
  "periods": [
    {
      "label": "2023/24",
      "months": 3,
      "first_month": "2024-01",
      "last_month": "2024-03",
      "amounts": {
        "cost.small": 300.00,
        "cost": 300.00,
        "envelope": 250.00,
        "headroom": -50.00,
        "funding.a": 150.00,
        "funding": 150.00,
        "gap": -150.00,
        "committed.a": 300.00,
        "balance.a": -150.00
      }
    },
    {
      "label": "2024/25",
      "months": 9,
      "first_month": "2024-04",
      "last_month": "2024-12",
      "amounts": {
        "cost.small": 900.00,
        "cost": 900.00,
        "envelope": 750.00,
        "headroom": -150.00,
        "funding.a": 450.00,
        "funding": 450.00,
        "gap": -450.00,
        "committed.a": 900.00,
        "balance.a": -450.00
      }
    }
  ],
  "metrics": {
    "cost": 1200.00,
    "cost.small": 1200.00,
    "envelope": 1000.00,
    "funding": 600.00,
    "funding.a": 600.00,
    "committed.a": 1200.00,
    "balance.a": -600.00,
    "headroom": -200.00,
    "gap": -600.00,
    "min_headroom": -150.00,
    "min_gap": -450.00,
    "shortfall_years": 2,
    "npv": 1169.57,
    "tcv": 1200.00,
    "tcv.small": 1200.00,
    "tcv_base": 1200.00,
    "tcv_base.small": 1200.00,
    "tcv_max": 1200.00,
    "tcv_max.small": 1200.00
  }
}
>= 0

# Markdown: right-aligned amounts, totals in bold.
$ envelope run tests/golden/data/small.yaml --format md | head -7
### Small: by financial year (£)

| Line | 2023/24 | 2024/25 | Total |
| :--- | ---: | ---: | ---: |
| small | 300.00 | 900.00 | 1,200.00 |
| **Total cost** | **300.00** | **900.00** | **1,200.00** |
| Envelope | 250.00 | 750.00 | 1,000.00 |
>= 0

# The terminal table: labels, right-aligned amounts, negatives with a minus sign.
$ envelope run tests/golden/data/small.yaml
Small: by financial year (£)
Line                        2023/24  2024/25     Total
  small                      300.00   900.00  1,200.00
Total cost                   300.00   900.00  1,200.00
Envelope                     250.00   750.00  1,000.00
Headroom (envelope - cost)   -50.00  -150.00   -200.00
  Funding: a                 150.00   450.00    600.00
Total funding                150.00   450.00    600.00
Gap (funding - cost)        -150.00  -450.00   -600.00
  Committed: a               300.00   900.00  1,200.00
  Balance: a                -150.00  -450.00   -600.00

Whole-life contract values (£)
Contract  Base years  Base term  Years taken  As exercised  Max years  With every option
small              1   1,200.00            1      1,200.00          1           1,200.00
Total                  1,200.00                   1,200.00                      1,200.00

Headlines
Metric                                            Value
Total cost over the horizon                    1,200.00
Headroom over the horizon                       -200.00
Lowest headroom in a financial year             -150.00
Financial years in shortfall                          2
Funding gap over the horizon (funding - cost)   -600.00
NPV of cost at 3.5%                            1,169.57
>= 0

# -o writes the file in the format its extension names, and prints nothing.
$ envelope run tests/golden/data/small.yaml -o /tmp/envelope-golden-small.csv && head -2 /tmp/envelope-golden-small.csv && rm /tmp/envelope-golden-small.csv
line,2023/24,2024/25,total
cost.small,300.00,900.00,1200.00
>= 0

# Standard input.
$ cat tests/golden/data/small.yaml | envelope run - --format csv | tail -1
balance.a,-150.00,-450.00,-600.00
>= 0

# Bad options exit 2 and write nothing.
$ envelope run tests/golden/data/small.yaml --by week
>2
envelope: --by week: use fy, contract-year, calendar or month
>= 2

$ envelope run tests/golden/data/small.yaml -o /tmp/envelope-golden.xyz; ls /tmp/envelope-golden.xyz 2>/dev/null
>2
envelope: /tmp/envelope-golden.xyz: cannot tell the format from the extension; use --format table|csv|md|json
>= 2

$ envelope run tests/golden/data/small.yaml --format yaml
>2
envelope: unknown format 'yaml'; use table, csv, md or json
>= 2

$ envelope run tests/golden/data/small.yaml -o tests/golden/data/small.yaml --format csv
>2
envelope: tests/golden/data/small.yaml: refusing to overwrite an input file
>= 2

$ envelope run tests/golden/data/no-such-file.yaml
>2
envelope: tests/golden/data/no-such-file.yaml: no such file
>= 2
