$ envelope validate examples/coventry-2019.yaml examples/declining-grant.yaml
examples/coventry-2019.yaml: ok: 4 contracts, 3 funding streams, 2019-07-01 to 2028-06-30
examples/declining-grant.yaml: ok: 3 contracts, 3 funding streams, 2023-04-01 to 2028-03-31
>= 0

# Every error in every file, then exit 2; good files are still reported.
$ envelope validate tests/golden/data/two-errors.yaml examples/coventry-2019.yaml
examples/coventry-2019.yaml: ok: 4 contracts, 3 funding streams, 2019-07-01 to 2028-06-30
>2
tests/golden/data/two-errors.yaml:6:13: contracts.x.annual: expected an amount of money above 0, got -5.00
tests/golden/data/two-errors.yaml:7:11: contracts.x.term: expected a whole number of years, got "five"
>= 2

# --set applies to validation too.
$ envelope validate examples/coventry-2019.yaml --set defaults.exercise=3
>2
--set:1:19: defaults.exercise: exercise 3 is outside 0..2 (the number of extensions)
>= 2
