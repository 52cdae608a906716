# Limits (docs/scenario-format.md, "Limits"): each a located error, exit 2.
# 10,001 contracts: the 10,001st is named, on line 10,006 (5 header lines).
$ python3 -c "print('scenario: {name: Many}\nenvelope: {annual: 1}\ncontracts:'); [print(f'  c{i}: {{annual: 1, start: 2024-04-01, term: 1}}') for i in range(10001)]" > /tmp/envelope-golden-many.yaml; envelope validate /tmp/envelope-golden-many.yaml
>2
/tmp/envelope-golden-many.yaml:10004:3: contracts.c10000: more than 10000 contracts (the limit)
>= 2

# 1,001 variants.
$ python3 -c "print('scenario: {name: Many}\nenvelope: {annual: 1}\ncontracts: {c: {annual: 1, start: 2024-04-01, term: 1}}\nvariants:'); [print(f'  v{i}: {{envelope.annual: 2}}') for i in range(1001)]" > /tmp/envelope-golden-variants.yaml; envelope validate /tmp/envelope-golden-variants.yaml
>2
/tmp/envelope-golden-variants.yaml:1005:3: variants.v1000: more than 1000 variants (the limit)
>= 2

# A file over 16 MiB (16,777,216 bytes) is refused before it is parsed, from a file or standard input.
$ python3 -c "import sys; sys.stdout.write('#' * (16 * 2**20 + 1))" > /tmp/envelope-golden-big.yaml; envelope validate /tmp/envelope-golden-big.yaml; envelope run - < /tmp/envelope-golden-big.yaml
>2
envelope: /tmp/envelope-golden-big.yaml: larger than 16 MiB (16777217 bytes): the limit for a scenario or a table
envelope: <stdin>: larger than 16 MiB (16777217 bytes): the limit for a scenario or a table
>= 2

# Monte Carlo draws from the command line.
$ envelope montecarlo examples/coventry-2019.yaml -n 100000001
>2
envelope: -n 100000001: expected a whole number of draws from 1 to 100,000,000
>= 2

# A what-if is projected over the base scenario's horizon (SPEC 4), so an
# extension of 99 years cannot stretch it past the 100-year limit: the cost
# inside the nine years is the same, while the whole-life value with every
# option counts all 5 + 99 + 2 = 106 years: 106 x 1,347,955 = 142,883,230.
$ envelope grid examples/coventry-2019.yaml --x defaults.extensions.0=2,99 --metric cost --format csv
defaults.extensions.0,cost
2,12131595.00
99,12131595.00
>= 0

$ envelope grid examples/coventry-2019.yaml --x defaults.extensions.0=2,99 --metric tcv_max --format csv
defaults.extensions.0,tcv_max
2,12131595.00
99,142883230.00
>= 0

# A term over 100 years is refused as a value.
$ envelope grid examples/coventry-2019.yaml --x defaults.term=5,200 --metric cost --format csv
>2
envelope: defaults.term = 200: expected a whole number of years from 1 to 100, got 200
>= 2
