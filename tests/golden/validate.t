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

# validate finds what montecarlo, tornado or report would refuse about the
# sensitivity block, each located: a drawn range outside the field's rule
# (an uplift of -100%), a whole number drawn from a continuous distribution,
# a parameter correlated with itself, a pair given twice with different
# values, and a correlation of 1 (one parameter a copy of the other).
$ envelope validate tests/golden/data/sensitivity-mistakes.yaml
>2
tests/golden/data/sensitivity-mistakes.yaml:11:5: sensitivity.parameters.assumptions.uplift: low -1 is not allowed there: "uplift": expected a rate above -1 (-100%)
tests/golden/data/sensitivity-mistakes.yaml:12:5: sensitivity.parameters.defaults.exercise: a whole number (a term, an extension or an exercise) is drawn with dist: discrete and its values and weights, not 'uniform'
tests/golden/data/sensitivity-mistakes.yaml:17:7: sensitivity.correlation: 'assumptions.uplift' is correlated with itself: name two parameters
tests/golden/data/sensitivity-mistakes.yaml:19:7: sensitivity.correlation: the pair funding.grant.change, assumptions.uplift is given twice, 0.9 (line 18) and 0.8: give it once
tests/golden/data/sensitivity-mistakes.yaml:20:7: sensitivity.correlation: a correlation of 1 makes one parameter a copy of the other: vary one of them, or give a correlation strictly between -1 and 1
>= 2
