# Warnings (SPEC 5): input that is almost surely a mistake but has a reading
# goes to standard error as file:line:col: path: warning: message, and does
# not change the exit status; --strict (before or after the command) makes
# warnings errors, exit 2.

# A contract wholly outside the horizon costs nothing in any period: a
# horizon of 2024/25 to 2026/27 and a contract of 2014-04 to 2017-03.
$ envelope validate tests/golden/data/warn-outside.yaml
tests/golden/data/warn-outside.yaml: ok: 2 contracts, 0 funding streams, 2024-04-01 to 2027-03-31
>2
tests/golden/data/warn-outside.yaml:7:3: contracts.old: warning: the contract runs 2014-04 to 2017-03, wholly outside the horizon (2024-04 to 2027-03), so it costs nothing in any period; check its start and term, or scenario.start and scenario.end
>= 0

$ envelope eval tests/golden/data/warn-outside.yaml cost.old --strict
>2
tests/golden/data/warn-outside.yaml:7:3: contracts.old: warning: the contract runs 2014-04 to 2017-03, wholly outside the horizon (2024-04 to 2027-03), so it costs nothing in any period; check its start and term, or scenario.start and scenario.end
envelope: tests/golden/data/warn-outside.yaml: a warning is an error under --strict: fix it, or run without --strict
>= 2

$ envelope --strict eval tests/golden/data/warn-outside.yaml cost.current
>2
tests/golden/data/warn-outside.yaml:7:3: contracts.old: warning: the contract runs 2014-04 to 2017-03, wholly outside the horizon (2024-04 to 2027-03), so it costs nothing in any period; check its start and term, or scenario.start and scenario.end
envelope: tests/golden/data/warn-outside.yaml: a warning is an error under --strict: fix it, or run without --strict
>= 2

# A by_year year outside the horizon (2024/25 to 2026/27) is never used.
# Headroom is the envelope's 3 x 1,000 less the lot's 3 x 500; funding is
# 800 + 700 (2025/26, named) + 800.
$ envelope eval tests/golden/data/warn-by-year.yaml headroom funding
1500.00
2300.00
>2
tests/golden/data/warn-by-year.yaml:3:36: envelope.by_year.2031/32: warning: 2031/32 is outside the horizon (2024/25 to 2026/27), so this amount is never used
tests/golden/data/warn-by-year.yaml:5:48: funding.grant.by_year.2021/22: warning: 2021/22 is outside the horizon (2024/25 to 2026/27), so this amount is never used
>= 0

# A stream committed beyond its funding: 60% of 1,000 growing 5% a year
# against a flat 600 is 630 in 2025/26 and 661.50 in 2026/27.
$ envelope eval tests/golden/data/warn-committed.yaml committed.grant@2025/26 balance.grant@2026/27
630.00
-61.50
>2
tests/golden/data/warn-committed.yaml:7:3: funding.grant: warning: committed beyond its funding in 2 financial years, the most in 2026/27: £661.50 committed, £600.00 available (£61.50 over)
>= 0

# Of the examples, only the tapering grant warns, and rightly: its contracts
# draw on the Public Health grant for more than it gives in four of the years,
# and on the recovery fund after the fund ends in September 2025.
$ for f in examples/*.yaml examples/*.csv; do envelope --strict validate $f > /dev/null 2>&1 || echo "$f warns"; done
examples/declining-grant.yaml warns
>= 0

# An amount written to a fraction of a penny is rounded half away from zero,
# with a warning: the envelope 1,000.005 is £1,000.01, so headroom over the
# year is 1,000.01 - 1,230.00 = -229.99. 600.125 has three decimals after at
# most three digits, as a thousands point would: the warning says so.
$ envelope eval tests/golden/data/warn-sub-penny.yaml headroom
-229.99
>2
tests/golden/data/warn-sub-penny.yaml:6:20: envelope.annual: warning: 1000.005 is a fraction of a penny; it is taken as £1,000.01 (rounded half away from zero): give amounts in pounds and pence
tests/golden/data/warn-sub-penny.yaml:8:18: funding.core.annual: warning: 600.125 is taken as £600.13 (a point separates pence); if you meant £600,125.00, write 600125
>= 0
