# envelope explain (SPEC 5): how a figure is made, down to the inputs and
# each rounding. The figures are worked out here by hand.

# The SPEC's example: contract year 1 of da_victims is 580000 x (1 - 0.03) =
# 562,600.00; 2019-07 to 2020-03 are 9 of its 12 months, so the cumulative
# split gives round(562,600.00 x 9/12) - round(0) = 421,950.00.
$ envelope explain examples/coventry-2019.yaml cost.da_victims@2019/20
cost.da_victims@2019/20: £421,950.00 = the contract years that fall in 2019/20
└─ contract year 1 (2019-07 to 2020-06) of £562,600.00: £421,950.00 = months 2019-07 to 2020-03 are 9 of its 12: round(562,600.00 × 9/12) − round(562,600.00 × 0/12)
       · contracts.da_victims.annual = 580000 * (1 - pcc_cut) = 562600 (examples/coventry-2019.yaml:53:13)
         · assumptions.pcc_cut = 0.03 (examples/coventry-2019.yaml:21:12)
>= 0

# With a 2.5% uplift set on the command line: year 2 is round(562,600 x
# 1.025) = 576,665.00, of which 2020-07 to 2021-03 (9 months) is 432,498.75;
# year 1's last 3 months are 562,600 - 421,950 = 140,650.00; together
# 573,148.75. The uplift shows where it was set: the --set argument.
$ envelope explain examples/coventry-2019.yaml cost.da_victims@2020/21 --set assumptions.uplift=2.5% 2>/dev/null
cost.da_victims@2020/21: £573,148.75 = the contract years that fall in 2020/21
├─ contract year 1 (2019-07 to 2020-06) of £562,600.00: £140,650.00 = months 2020-04 to 2020-06 are 3 of its 12: round(562,600.00 × 12/12) − round(562,600.00 × 9/12)
│      · contracts.da_victims.annual = 580000 * (1 - pcc_cut) = 562600 (examples/coventry-2019.yaml:53:13)
│        · assumptions.pcc_cut = 0.03 (examples/coventry-2019.yaml:21:12)
└─ contract year 2 (2020-07 to 2021-06) of £576,665.00 = round(562,600.00 × (1 + 0.025)) = round(576665): £432,498.75 = months 2020-07 to 2021-03 are 9 of its 12: round(576,665.00 × 9/12) − round(576,665.00 × 0/12)
       · contracts.da_victims.annual = 580000 * (1 - pcc_cut) = 562600 (examples/coventry-2019.yaml:53:13)
         · assumptions.pcc_cut = 0.03 (examples/coventry-2019.yaml:21:12)
       · contracts.da_victims.uplift (from defaults.uplift) = uplift = 0.025 (examples/coventry-2019.yaml:47:11)
         · assumptions.uplift = 2.5% = 0.025 (--set:1:20)
>= 0

# small.yaml: £1,200 a year from January 2024; an envelope of £1,000 a year
# from April. In 2024/25 the envelope's first 9 months are 750.00 and the
# contract's last 9 months 1,200 - 300 = 900.00: headroom -150.00, the cost
# subtracted.
$ envelope explain tests/golden/data/small.yaml headroom@2024/25 2>/dev/null
headroom@2024/25: -£150.00 = the envelope less cost
├─ envelope@2024/25: £750.00 = the financial years that fall in 2024/25
│  └─ financial year 2024/25 of £1,000.00 = round(1,000.00 × (1 + 0)) = round(1000): £750.00 = months 2024-04 to 2024-12 are 9 of its 12: round(1,000.00 × 9/12) − round(1,000.00 × 0/12)
│         · envelope.annual = 1000 (tests/golden/data/small.yaml:5:11)
│         · envelope.change = not given = 0 (the default)
└─ less cost: -£900.00 = the sum of every contract's cost
   └─ cost.small@2024/25: -£900.00 = the contract years that fall in 2024/25
      └─ contract year 1 (2024-01 to 2024-12) of £1,200.00: -£900.00 = months 2024-04 to 2024-12 are 9 of its 12: round(1,200.00 × 12/12) − round(1,200.00 × 3/12)
             · contracts.small.annual = 1200 (tests/golden/data/small.yaml:11:13)
>= 0

# npv: 300 in 2023/24 (f = 0) and 900 in 2024/25 (f = 1): 900 / 1.035 =
# 869.565..., so 869.57; the exact sum 1,169.565... rounds to 1,169.57.
$ envelope explain tests/golden/data/small.yaml npv 2>/dev/null
npv: £1,169.57 = Σ cost_f / (1 + 0.035)^f over financial years f = 0, 1, …, summed exactly, rounded once
├─ 2023/24: £300.00 = 300.00 / (1 + 0.035)^0, rounded to the penny
│      · assumptions.discount_rate = not given = 0.035 (the default)
└─ 2024/25: £869.57 = 900.00 / (1 + 0.035)^1, rounded to the penny
       · assumptions.discount_rate = not given = 0.035 (the default)
>= 0

# committed: the one stream takes the whole of the contract's cost in
# 2024/25, 1,200 through its end less 300 before it.
$ envelope explain tests/golden/data/small.yaml committed.a@2024/25 --format json 2>/dev/null
{
  "figure": "committed.a@2024/25",
  "value": 900.00,
  "formula": "each contract's share of its cumulative cost, rounded cumulatively",
  "parts": [
    {
      "label": "share of small",
      "value": 900.00,
      "formula": "the whole of it: 1,200.00 − 300.00, of small's cost through the end of 2024/25 (1,200.00) and before it (300.00)",
      "inputs": [
        {
          "path": "contracts.small.funded_by.a",
          "written": "1",
          "value": "1",
          "at": "tests/golden/data/small.yaml:13:20"
        }
      ],
      "parts": []
    }
  ]
}
>= 0

# Markdown: a nested list, text escaped.
$ envelope explain tests/golden/data/small.yaml cost.small@2023/24 --format md 2>/dev/null
- **cost.small@2023/24**: £300.00 = the contract years that fall in 2023/24
  - **contract year 1 (2024-01 to 2024-12) of £1,200.00**: £300.00 = months 2024-01 to 2024-03 are 3 of its 12: round(1,200.00 × 3/12) − round(1,200.00 × 0/12)
    - input: contracts.small.annual = 1200 (tests/golden/data/small.yaml:11:13)
>= 0

$ envelope explain examples/coventry-2019.yaml cost@2040/41
>2
envelope: cost@2040/41: no period '2040/41' in the horizon (2019/20 to 2028/29)
>= 2

$ envelope explain examples/coventry-2019.yaml cost --format csv
>2
envelope: explain writes a tree: --format table, md or json (not csv)
>= 2
