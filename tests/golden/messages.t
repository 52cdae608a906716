# Messages that name what was wrong and say the fix (issue 16): the command
# line's own mistakes, files that are not there, and labels that say which
# part of the file an error is in.

# A cell Excel saves as """Quoted"" lot is the text "Quoted" lot, not a YAML
# string followed by stray text.
$ envelope convert tests/golden/data/messages/excel-quoted-name.csv --to yaml | grep name
  name: "\"Quoted\" scenario"
    name: "\"Quoted\" lot"
>= 0

# An ad hoc variant's mistakes are placed in its --variant argument: the
# second assignment starts at column 27, its bad key 12 characters later.
$ envelope compare examples/coventry-2019.yaml --variant 'x:assumptions.uplift=0.01,assumptions.uplfit=0.02'
>2
--variant:1:39: assumptions.uplfit: no assumptions entry 'uplfit' (did you mean 'uplift'?)
>= 2

$ envelope compare examples/coventry-2019.yaml --variant 'x:assumptions.uplift=abc'
>2
--variant:1:22: assumptions.uplift: unknown name 'abc' in expression
>= 2

# A file that is not there: the file of that folder it probably meant.
$ envelope run examples/coventry-2091.yaml
>2
envelope: examples/coventry-2091.yaml: no such file (did you mean 'examples/coventry-2019.yaml'?)
>= 2

$ envelope run examples/coventry.yaml
>2
envelope: examples/coventry.yaml: no such file (did you mean examples/coventry-2019.yaml or examples/coventry-tables.yaml?)
>= 2

$ envelope run no-such-folder/coventry.yaml
>2
envelope: no-such-folder/coventry.yaml: no such file (there is no folder no-such-folder)
>= 2

# The command line's mistakes, in envelope's words rather than CLI11's.
$ envelope run examples/coventry-2019.yaml --frmat md
>2
envelope: unknown option '--frmat' for run (did you mean '--format'?); envelope run --help lists them
>= 2

$ envelope run examples/coventry-2019.yaml 2019/20
>2
envelope: unexpected argument '2019/20' to run (a value holding spaces needs quotes; envelope run --help shows what run takes)
>= 2

$ envelope run
>2
envelope: run needs a scenario FILE: envelope run FILE (envelope run --help)
>= 2

$ envelope run examples/coventry-2019.yaml --by
>2
envelope: --by needs a value after it; envelope run --help
>= 2

$ envelope montecarlo examples/coventry-2019.yaml --threads two
>2
envelope: --threads two: expected a whole number
>= 2

$ envelope grid examples/coventry-2019.yaml
>2
envelope: grid needs --x VALUE; envelope grid --help
>= 2

$ envelope --strict
>2
envelope: a command comes first, as in envelope run FILE; envelope --help lists the commands
>= 2

# A draw the scenario refuses is located at the parameters, with the values
# drawn. Both ends of x's range are allowed (validate passes), but near
# x = 0.5 the value 4,000,000 (x - 0.5)^2 - 100 is negative: at the drawn
# 0.4997711226041575 it is 4,000,000 x 0.0002288773958425^2 - 100 = -99.79.
$ envelope validate tests/golden/data/messages/draw-refused.yaml
tests/golden/data/messages/draw-refused.yaml: ok: 1 contract, 1 funding stream, 2020-04-01 to 2021-03-31
>= 0

$ envelope montecarlo tests/golden/data/messages/draw-refused.yaml --quiet
>2
tests/golden/data/messages/draw-refused.yaml:21:5: sensitivity.parameters: draw 21 (assumptions.x = 0.4997711226041575) is refused: "4000000 * (x - 0.5)^2 - 100": expected an amount of money above 0, got -99.79; narrow the ranges so that every value they can draw is allowed
>= 2

# The drawn value replays: eval refuses it with the same amount.
$ envelope eval tests/golden/data/messages/draw-refused.yaml cost --set assumptions.x=0.4997711226041575
>2
tests/golden/data/messages/draw-refused.yaml:13:13: contracts.lot.annual: expected an amount of money above 0, got -99.79
>= 2

# Asked to do nothing (SPEC 5): exit 2 with what to add, so that CI never
# passes on no checks at all. small.yaml has no checks, variants or
# sensitivity block.
$ envelope check tests/golden/data/small.yaml 2>&1 | grep -v warning
envelope: nothing to check: tests/golden/data/small.yaml has no checks; add a checks: section, e.g. checks: [{name: Fits the envelope, metric: min_headroom, min: 0}]
>= 0

$ envelope check tests/golden/data/small.yaml 2>/dev/null
>= 2

$ envelope check examples/coventry-2019.yaml --filter zzz 2>&1 | grep -v warning
envelope: --filter 'zzz' matches no check (case is ignored); the checks are: Fits the envelope every year; Nine-year cost as reported to cabinet; Extensions-off cost
>= 0

# --filter ignores case: NINE finds "Nine-year cost as reported to cabinet".
$ envelope check examples/coventry-2019.yaml --filter NINE 2>/dev/null
PASS  Nine-year cost as reported to cabinet: cost = 12,131,595.00 (12,131,595.00 ± 0.50)
1 passed, 0 failed
>= 0

$ envelope compare tests/golden/data/small.yaml 2>/dev/null
>= 2

$ envelope compare tests/golden/data/small.yaml 2>&1 | grep -v warning
envelope: tests/golden/data/small.yaml has no variants to compare; add a variants: section, e.g. variants: {no_uplift: {assumptions.uplift: 0}}, or give one with --variant 'NAME:PATH=VALUE'
>= 0

$ envelope report tests/golden/data/small.yaml --sections summary,montecarlo 2>&1 | grep -v warning
envelope: --sections montecarlo: tests/golden/data/small.yaml has nothing to show there; add sensitivity.parameters and sensitivity.montecarlo: {draws: 10000, seed: 1}
>= 0

$ envelope report tests/golden/data/small.yaml --sections variants -o /dev/null 2>/dev/null
>= 2

# Several inputs: each line names its file (check and validate --paths),
# and check's JSON names it always. ties.yaml has no checks.
$ envelope check examples/coventry-2019.yaml tests/golden/data/ties.yaml --filter nine 2>/dev/null
PASS  examples/coventry-2019.yaml: Nine-year cost as reported to cabinet: cost = 12,131,595.00 (12,131,595.00 ± 0.50)
1 passed, 0 failed
>= 0

$ envelope check examples/coventry-2019.yaml tests/golden/data/ties.yaml --filter nine --format csv 2>/dev/null
check,file,result,variant,metric,actual,expected
Nine-year cost as reported to cabinet,examples/coventry-2019.yaml,PASS,base,cost,12131595.00,12131595.00 ± 0.50
>= 0

$ envelope validate --paths examples/coventry-2019.yaml tests/golden/data/small.yaml 2>/dev/null | grep -e "pcc_cut  " -e small.annual
examples/coventry-2019.yaml: assumptions.pcc_cut                                 0.03
tests/golden/data/small.yaml: contracts.small.annual       1200
>= 0
