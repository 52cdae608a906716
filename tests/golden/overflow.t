# Pence beyond 64 bits are an error naming where they arose, never a wrapped number.
# £1e15 doubling every year: year 8 is £1.28e17 = 1.28e19 pence > 9.22e18.
$ printf 'scenario: {name: Big}\nenvelope: {annual: 1}\ncontracts:\n  big: {annual: 1e15, start: 2024-04-01, term: 60, uplift: 1.0}\n' | envelope run -
>2
envelope: contracts.big: contract year 8 (2031-04 to 2032-03): an amount is out of range (beyond 92 million million pounds, or not a number): check uplifts, changes and the discount rate
>= 2

# Each contract fits, their sum does not: 2 x 9e18 pence.
$ printf 'scenario: {name: Big}\nenvelope: {annual: 1}\ncontracts:\n  a: {annual: 9e16, start: 2024-04-01, term: 1}\n  b: {annual: 9e16, start: 2024-04-01, term: 1}\n' | envelope eval - cost
>2
envelope: total cost in 2024/25: amounts add up to more than 64-bit pence can hold (about 92 million million pounds)
>= 2

# A funding stream that doubles each year: 1e18 pence x 2^4 = 1.6e19 in its fifth year, 2028/29.
$ printf 'scenario: {name: Big}\nenvelope: {annual: 1}\nfunding: {g: {annual: 1e16, change: 1}}\ncontracts:\n  a: {annual: 1, start: 2024-04-01, term: 60}\n' | envelope eval - funding
>2
envelope: funding.g: financial year 2028/29: an amount is out of range (beyond 92 million million pounds, or not a number): check uplifts, changes and the discount rate
>= 2

# A whole-life value of 2 years of 5e18 pence (the horizon holds only the first): 1e19.
$ printf 'scenario: {name: Big, end: 2025-03-31}\nenvelope: {annual: 1}\ncontracts:\n  a: {annual: 5e16, start: 2024-04-01, term: 2}\n' | envelope eval - tcv
>2
envelope: tcv: amounts add up to more than 64-bit pence can hold (about 92 million million pounds)
>= 2

# A what-if of the cost alone, which needs no projection, says the same as the projection
# would: each contract fits, their sum in 2024/25 does not (4.5e18 + 9e18 pence).
$ printf 'scenario: {name: Big}\nenvelope: {annual: 1}\nassumptions: {k: 1}\ncontracts:\n  a: {annual: 9e16 * k, start: 2024-04-01, term: 1}\n  b: {annual: 9e16, start: 2024-04-01, term: 1}\n' | envelope grid - --x assumptions.k=0.5:1:0.5 --metric cost
>2
envelope: assumptions.k = 0.5: total cost in 2024/25: amounts add up to more than 64-bit pence can hold (about 92 million million pounds)
>= 2

# Every year fits, the horizon's total does not: 5e18 in 2024/25 and 5e18 in 2025/26
# (at k = 0.5 the total, 7.5e18, still fits).
$ printf 'scenario: {name: Big}\nenvelope: {annual: 1}\nassumptions: {k: 1}\ncontracts:\n  a: {annual: 5e16 * k, start: 2024-04-01, term: 1}\n  b: {annual: 5e16, start: 2025-04-01, term: 1}\n' | envelope grid - --x assumptions.k=0.5:1.5:0.5 --metric cost
>2
envelope: assumptions.k = 1: cost: amounts add up to more than 64-bit pence can hold (about 92 million million pounds)
>= 2
