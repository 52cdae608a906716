# Exact decimal money (SPEC 3.1): each half penny is decided by the decimals
# as written, as a spreadsheet's ROUND decides it, never by binary floating
# point. Every figure here is worked out by hand.

# £1,000,000 growing 0.5% a year is 1,000,000 x 1.005^3 = 1,015,075.125 in
# its fourth year: 1,015,075.13 (=ROUND(1000000*1.005^3, 2)).
$ envelope eval tests/golden/data/ties.yaml envelope@2023/24
1015075.13
>= 0

# 241,571 x 1.025 = 247,610.275: 247,610.28, whether the uplift is written
# 0.025, 2.5% or cpi + 0.005 with cpi 0.02 (each is exactly 0.025).
$ envelope eval tests/golden/data/ties.yaml cost.plain@2021/22 cost.percent@2021/22 cost.expression@2021/22
247610.28
247610.28
247610.28
>= 0

# The whole-life value: 241,571 + 247,610.28 + 253,800.53 (241,571 x 1.025^2
# = 253,800.534375).
$ envelope eval tests/golden/data/ties.yaml tcv.plain
742981.81
>= 0

# by_year names 2021/22 only; the years after it still compound from annual:
# 2022/23 is 1,000,000 x 1.005^2 = 1,010,025 and 2023/24 1,015,075.125.
$ envelope eval tests/golden/data/ties.yaml funding.grant@2021/22 funding.grant@2022/23 funding.grant@2023/24
900000.00
1010025.00
1015075.13
>= 0

# A share of 0.35 of 10p is 3.5p, so 4p (SPEC 3.4); the last stream gets the
# rest, 6p. After May the cumulative 20p gives 7p, so May adds 3p; the year's
# 120p gives 42p.
$ envelope eval tests/golden/data/ties.yaml committed.grant@2020-04 committed.council@2020-04 committed.grant@2020-05 committed.grant
0.04
0.06
0.03
0.42
>= 0

# By days: January 2024 carries 18,300,183 x 31 / 366 = 1,550,015.5p, so
# 15,500.16; February brings the cumulative to 18,300,183 x 60 / 366 =
# 3,000,030p exactly, so 30,000.30 - 15,500.16 = 14,500.14.
$ envelope eval tests/golden/data/days-tie.yaml cost@2024-01 cost@2024-02
15500.16
14500.14
>= 0

# Money given with a third decimal: 1.005 is 100.5p as written, so 101p.
$ envelope eval tests/golden/data/days-tie.yaml tcv --set contracts.lot.annual=1.005
1.01
>= 0

# A rate written as a plain number above 1 is refused with the fix; 300% is
# accepted when meant; accounting brackets are never read as positive.
$ envelope eval examples/coventry-2019.yaml cost --set defaults.uplift=3
>2
--set:1:17: defaults.uplift: a rate of 3 would be 300%: write 3% or 0.03 (or 300% if that is meant)
>= 2

$ envelope eval examples/coventry-2019.yaml cost --set assumptions.uplift=3
>2
examples/coventry-2019.yaml:47:11: defaults.uplift: assumptions.uplift is 3, a rate of 300% here: write 3% or 0.03 there (or 300% if that is meant)
>= 2

# 300% a year: each contract year is 4 times the one before, so the nine
# years cost 1,347,955 x (4^9 - 1) / 3 = 1,347,955 x 87,381.
$ envelope eval examples/coventry-2019.yaml cost --set defaults.uplift=300%
117785655855.00
>= 0

$ envelope eval examples/coventry-2019.yaml cost --set "funding.public_health.change=(0.02)"
>2
--set:1:30: funding.public_health.change: a number in brackets is not read as negative: write -0.02 for a negative number, or 0.02 for a positive one
>= 2

# A contract already running when the horizon starts (SPEC 2.1): its years
# and uplifts count from its own start in April 2019, so 2021/22 is its third
# year, 100 x 1.1^2 = 121, and 2022/23 its fourth, 133.10; tcv counts all five
# years, 100 + 110 + 121 + 133.10 + 146.41 = 610.51, tcv_base the first three.
$ envelope eval tests/golden/data/running.yaml cost@2021/22 cost@2022/23 tcv tcv_base
121.00
133.10
610.51
331.00
>= 0
