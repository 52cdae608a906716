$ envelope --version
envelope 0.1.0
>= 0

$ envelope
>2
envelope: a command comes first, as in envelope run FILE; envelope --help lists the commands
>= 2

$ envelope frobnicate
>2
envelope: unknown command 'frobnicate'; the commands are run, eval, explain, validate, convert, compare, tornado, grid, solve, check, lock, montecarlo, report, workbook, init
>= 2

$ envelope evl x.yaml cost
>2
envelope: unknown command 'evl' (did you mean 'eval'?); the commands are run, eval, explain, validate, convert, compare, tornado, grid, solve, check, lock, montecarlo, report, workbook, init
>= 2

# Help on each command ends with a worked example.
$ envelope eval --help | tail -6
Example:
  envelope eval examples/coventry-2019.yaml cost npv cost@2019/20 tcv_base
  12131595.00
  10524008.07
  1010966.25
  6739775.00
>= 0
