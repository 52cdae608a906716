# envelope report: the appendix. Figures worked out by hand from SPEC 3:
# 9 months of £1,347,955 = £1,010,966.25; 3 months = £336,988.75;
# 9 years = £12,131,595; the 5-year base term = £6,739,775; lot 1's first
# 9 months of £562,600 = £421,950.
$ envelope report examples/coventry-2019.yaml --sections summary,projection,contracts | grep -E '^\| (Total cost over|Whole-life value: base|\*\*Total cost|\*\*Total\*\*|Domestic abuse lot 1)' | cut -d'|' -f1-4
| Total cost over the horizon | £12,131,595.00 |
| Whole-life value: base term | £6,739,775.00 |
| Domestic abuse lot 1: victims and children | £421,950.00 | £562,600.00 
| **Total cost** | **£1,010,966.25** | **£1,347,955.00** 
| Domestic abuse lot 1: victims and children | 5 | £2,813,000.00 
| **Total** |  | **£6,739,775.00** 
>= 0

# The last financial year holds 3 months, and the total is the sum of the years.
$ envelope report examples/coventry-2019.yaml --sections projection | grep '^| \*\*Total cost' | tr '|' '\n' | sed -n '12,13p'
 **£336,988.75** 
 **£12,131,595.00** 
>= 0

# NPV at 3.5%: sum of each year's cost / 1.035^f, worked out independently.
$ envelope report examples/coventry-2019.yaml --sections summary | grep 'Net present' | grep -o '£[0-9,.]*' | tr -d '£,' | python3 -c 'import sys; c=[1010966.25]+[1347955]*8+[336988.75]; print(float(sys.stdin.read()) == round(sum(x/1.035**f for f,x in enumerate(c)),2))'
True
>= 0

# Provenance: the SHA-256 of the input (as sha256sum computes it), the seed; no date unless asked.
$ envelope report examples/coventry-2019.yaml --sections provenance,montecarlo | grep -E 'SHA-256|seed|Date' | sed 's/^| SHA-256 of [^|]* | \([0-9a-f]*\) |$/\1/' | sed '1s/^/x /' > /tmp/envelope-golden-prov.txt; grep -c "$(sha256sum examples/coventry-2019.yaml | cut -c1-64)" /tmp/envelope-golden-prov.txt; grep -c 'Monte Carlo seed | 2019' /tmp/envelope-golden-prov.txt; grep -c '| Date |' /tmp/envelope-golden-prov.txt
1
1
0
>= 1

$ envelope report examples/coventry-2019.yaml --sections provenance --date 2026-11-25 | grep '| Date'
| Date | 2026-11-25 |
>= 0

# Two runs give byte-identical files, in every format.
$ for f in md html xlsx; do envelope report examples/coventry-2019.yaml -o /tmp/envelope-golden-a.$f && envelope report examples/coventry-2019.yaml -o /tmp/envelope-golden-b.$f && cmp /tmp/envelope-golden-a.$f /tmp/envelope-golden-b.$f && echo "$f identical"; done
md identical
html identical
xlsx identical
>= 0

# The whole Markdown appendix of the example, as a golden file.
$ envelope report examples/coventry-2019.yaml | diff - tests/golden/data/coventry-appendix.md && echo same
same
>= 0

# Sections are given by name, in the appendix's order whatever the order asked.
$ envelope report examples/coventry-2019.yaml --sections checks,summary | grep '^## '
## Summary
## Checks
>= 0

$ envelope report examples/coventry-2019.yaml --sections summary,projections
>2
envelope: --sections: unknown section 'projections' (did you mean 'projection'?); the sections are summary, assumptions, projection, contracts, variants, tornado, montecarlo, checks, provenance
>= 2

$ envelope report examples/coventry-2019.yaml --format xlsx
>2
envelope: an XLSX report needs a file: -o appendix.xlsx
>= 2

# Said before the scenario is read or any analysis runs.
$ envelope report no-such-scenario.yaml --format xlsx
>2
envelope: an XLSX report needs a file: -o appendix.xlsx
>= 2

$ envelope report examples/coventry-2019.yaml -o /tmp/envelope-golden-appendix.pdf
>2
envelope: /tmp/envelope-golden-appendix.pdf: cannot tell the format from the extension; use .md, .html or .xlsx, or --format md|html|xlsx
>= 2

$ envelope report examples/coventry-2019.yaml --format docx
>2
envelope: unknown report format 'docx'; use md, html or xlsx
>= 2

$ envelope report examples/coventry-2019.yaml --date 2026-02-30
>2
envelope: --date 2026-02-30: no such date
>= 2

# -o naming the input is refused, and the input is untouched.
$ cp examples/coventry-2019.yaml /tmp/envelope-golden-in.md && envelope report /tmp/envelope-golden-in.md -o /tmp/envelope-golden-in.md; cmp /tmp/envelope-golden-in.md examples/coventry-2019.yaml && echo untouched
untouched
>2
envelope: /tmp/envelope-golden-in.md: refusing to overwrite an input file
>= 0

# A scenario without variants, sensitivity or checks leaves those sections out.
$ envelope report examples/declining-grant.yaml | grep '^## '
## Summary
## Assumptions
## Projection by financial year
## Whole-life contract values
## Provenance
>= 0

# Provenance fingerprints every file read: the scenario and the tables it includes.
$ envelope report examples/coventry-tables.yaml --sections provenance | grep -o '[0-9a-f]\{64\}' > /tmp/envelope-golden-sums.txt; sha256sum examples/coventry-tables.yaml examples/tables/coventry-lots.csv examples/tables/coventry-funding.csv | cut -c1-64 | diff - /tmp/envelope-golden-sums.txt && echo same
same
>= 0
