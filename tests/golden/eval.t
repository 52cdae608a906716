# The SPEC example's figures. Each contract year of the four lots totals
# 562,600 + 417,100 + 179,450 + 188,805 = 1,347,955; nine years from July 2019
# cost 9 x 1,347,955 = 12,131,595; 2019/20 holds 9 months: 1,010,966.25; the
# base term is 5 x 1,347,955 = 6,739,775.
$ envelope eval examples/coventry-2019.yaml cost npv cost@2019/20 tcv_base
12131595.00
10524008.07
1010966.25
6739775.00
>= 0

# A 2% uplift at each anniversary.
$ envelope eval examples/coventry-2019.yaml cost min_headroom --set assumptions.uplift=0.02
13148800.19
-223647.25
>= 0

# By days: 275 of the 366 days of the first contract year fall in 2019/20:
# 562,600 x 275 / 366 = 422,718.579...
$ envelope eval examples/coventry-2019.yaml cost.da_victims@2019/20 --set scenario.apportion=days
422718.58
>= 0

# No extensions: 5 years, ending June 2024.
$ envelope eval examples/coventry-2019.yaml cost tcv tcv_max --set defaults.exercise=0
6739775.00
6739775.00
12131595.00
>= 0

# Group subtotals and one period on each basis: 2019 (calendar) holds Jul-Dec,
# 6/12 of a contract year; Y2 a whole one; 2019-07 one twelfth.
$ envelope eval examples/coventry-2019.yaml "cost.group.Domestic abuse" cost.sva_counselling@2019 cost@Y2 cost.da_victims@2019-07 shortfall_years
10432350.00
94402.50
1347955.00
46883.33
0
>= 0

# The calendar-year council (fiscal_year_start: 1, apportion: days):
# carers, 146,000 from 1 April 2024: 275 of 365 days fall in 2024 = 110,000;
# outreach, 73,200 from 1 October 2024: 92 of 365 days = 18,450.41;
# advice in its third year: 120,000 x 1.03 x 1.02 = 126,072;
# carers over 3 years at 2.5%: 146,000 + 149,650 + 153,391.25 = 449,041.25.
$ envelope eval examples/calendar-year-council.yaml cost.carers@2024 cost.outreach@2024 cost.advice@2026 tcv.carers
110000.00
18450.41
126072.00
449041.25
>= 0

# The tapering grant: by_year names 2024/25; 2026/27 is not named, so it is
# 1,100,000 x 0.95^3 = 943,112.50; the recovery fund runs October 2023 to
# September 2025, so half of 120,000 in its first and last years.
$ envelope eval examples/declining-grant.yaml funding.public_health@2024/25 funding.public_health@2026/27 funding.recovery_fund@2023/24 funding.recovery_fund@2025/26 funding.recovery_fund@2026/27
1000000.00
943112.50
60000.00
60000.00
0.00
>= 0

$ envelope eval examples/coventry-2019.yaml cots
>2
envelope: unknown metric 'cots' (did you mean 'cost'?)
>= 2

$ envelope eval examples/coventry-2019.yaml cost@2035/36
>2
envelope: cost@2035/36: no period '2035/36' in the horizon (2019/20 to 2028/29)
>= 2

$ envelope eval examples/coventry-2019.yaml npv@2020/21
>2
envelope: metric 'npv' has no value for one period
>= 2

$ envelope eval examples/coventry-2019.yaml cost.da_victim
>2
envelope: unknown contract 'da_victim' (did you mean 'da_victims'?)
>= 2

# 010 is decimal ten, never octal eight: ten years of £100.
$ printf 'scenario: {name: Octal, start: 2024-04-01}\nenvelope: {annual: 100}\ncontracts:\n  x: {annual: 100, term: 010}\n' | envelope eval - tcv cost@2033/34
1000.00
100.00
>= 0

# Shares may be percentages, like rates: 60% of £100 committed to a, the rest to b.
$ printf 'scenario: {name: S, start: 2024-04-01}\nenvelope: {annual: 100}\nfunding: {a: {annual: 50}, b: {annual: 50}}\ncontracts:\n  x: {annual: 100, term: 1, funded_by: {a: 60%%, b: 40%%}}\n' | envelope eval - committed.a committed.b
60.00
40.00
>= 0
