# Output safety: -o never replaces a file the run has read, and a failed run
# leaves no output file behind.
$ rm -rf /tmp/envelope-golden-out && cp -r examples /tmp/envelope-golden-out && envelope run /tmp/envelope-golden-out/coventry-tables.yaml -o /tmp/envelope-golden-out/tables/coventry-lots.csv; cmp /tmp/envelope-golden-out/tables/coventry-lots.csv examples/tables/coventry-lots.csv && ls -a /tmp/envelope-golden-out/tables | paste -sd' '
. .. coventry-funding.csv coventry-lots.csv
>2
envelope: /tmp/envelope-golden-out/tables/coventry-lots.csv: refusing to overwrite an input file
>= 0

$ cp examples/coventry-2019.yaml /tmp/envelope-golden-x.yaml && envelope run /tmp/envelope-golden-x.yaml -o /tmp/envelope-golden-x.yaml; cmp /tmp/envelope-golden-x.yaml examples/coventry-2019.yaml && echo untouched
untouched
>2
envelope: /tmp/envelope-golden-x.yaml: refusing to overwrite an input file
>= 0

# check: a JUnit file that cannot be written leaves no -o file either.
$ rm -f /tmp/envelope-golden-checks.txt; envelope check examples/coventry-2019.yaml -o /tmp/envelope-golden-checks.txt --junit /nonexistent-dir/checks.xml; ls /tmp/envelope-golden-checks.txt 2>&1 | sed 's/.*No such.*/absent/'
absent
>2
envelope: /nonexistent-dir/checks.xml: cannot write: No such file or directory
>= 0
