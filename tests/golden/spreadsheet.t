# Spreadsheet twins of examples/coventry-2019.yaml, saved as Excel saves
# "CSV UTF-8": a byte-order mark, CRLF line ends, no final line break, cells
# quoted only when they hold a comma, a quote or a line break.
#
# coventry-2019.csv is a path,value,note scenario: notes with commas, doubled
# quotes and line breaks, money as "£1,347,955.00", "652,465" and "£35,850",
# rates as 3% and 3.5%, an empty line and an empty row (,,).
# coventry-2019-tables.yaml includes coventry-funding.csv and
# coventry-contracts.csv in the same style (an empty cell leaves the field out:
# sva_counselling has no funded_by.core, core and public_health no until).
#
# The figures are the SPEC example's: each contract year of the four lots totals
# 562,600 + 417,100 + 179,450 + 188,805 = 1,347,955; nine years from July 2019
# cost 9 x 1,347,955 = 12,131,595; 2019/20 holds 9 months: 1,010,966.25; the
# base term is 5 x 1,347,955 = 6,739,775.

# The path,value twin.
$ envelope eval tests/golden/data/spreadsheet/coventry-2019.csv cost npv cost@2019/20 tcv_base
12131595.00
10524008.07
1010966.25
6739775.00
>= 0

# A 2% uplift at each anniversary, the override written as a percentage.
$ envelope eval tests/golden/data/spreadsheet/coventry-2019.csv cost --set 'assumptions.uplift=2%'
13148800.19
>= 0

# Its projection is byte for byte the YAML example's.
$ diff <(envelope run tests/golden/data/spreadsheet/coventry-2019.csv --format json) <(envelope run examples/coventry-2019.yaml --format json) && echo identical
identical
>= 0

# The YAML twin with included tables.
$ envelope eval tests/golden/data/spreadsheet/coventry-2019-tables.yaml cost npv cost@2019/20 tcv_base
12131595.00
10524008.07
1010966.25
6739775.00
>= 0

$ envelope eval tests/golden/data/spreadsheet/coventry-2019-tables.yaml cost --set 'assumptions.uplift=2%'
13148800.19
>= 0

$ diff <(envelope run tests/golden/data/spreadsheet/coventry-2019-tables.yaml --format json) <(envelope run examples/coventry-2019.yaml --format json) && echo identical
identical
>= 0
