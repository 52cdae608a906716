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

# Writes (SPEC 5). A device is written directly, never replaced, even as root:
# -o /dev/null discards the table and leaves the device; a full device is a
# failed write, exit 2, naming it.
$ envelope run examples/coventry-2019.yaml --format csv -o /dev/null && stat -c %F /dev/null
character special file
>= 0

$ envelope run examples/coventry-2019.yaml --format csv -o /dev/full; stat -c %F /dev/full
character special file
>2
envelope: /dev/full: cannot write: No space left on device
>= 0

$ envelope report examples/coventry-2019.yaml --format xlsx -o /dev/null && stat -c %F /dev/null
character special file
>= 0

# A failed write to standard output is exit 2, not a silent success.
$ envelope run examples/coventry-2019.yaml > /dev/full
>2
envelope: standard output: cannot write: No space left on device
>= 2

$ envelope eval examples/coventry-2019.yaml cost > /dev/full
>2
envelope: standard output: cannot write: No space left on device
>= 2

# A named pipe is written into, and stays a pipe.
$ d=$(mktemp -d) && mkfifo $d/pipe && { head -1 $d/pipe > $d/got & } && envelope run examples/coventry-2019.yaml --format csv -o $d/pipe && wait && stat -c %F $d/pipe && cat $d/got; rm -rf $d
fifo
line,2019/20,2020/21,2021/22,2022/23,2023/24,2024/25,2025/26,2026/27,2027/28,2028/29,Total
>= 0

# A symbolic link is written through: the link stays, its target gets the table.
$ d=$(mktemp -d) && echo old > $d/target.csv && ln -s target.csv $d/link.csv && envelope run examples/coventry-2019.yaml --format csv -o $d/link.csv && stat -c %F $d/link.csv && head -1 $d/target.csv && ls -A $d | paste -sd' '; rm -rf $d
symbolic link
line,2019/20,2020/21,2021/22,2022/23,2023/24,2024/25,2025/26,2026/27,2027/28,2028/29,Total
link.csv target.csv
>= 0

# A replaced file keeps its mode (and owner, where the process may set it).
$ d=$(mktemp -d) && echo old > $d/out.md && chmod 640 $d/out.md && envelope run examples/coventry-2019.yaml -o $d/out.md && stat -c %a $d/out.md && head -c 3 $d/out.md && echo; rm -rf $d
640
###
>= 0

# Two outputs of one command naming the same file are refused before anything
# runs, through a link too, and nothing is written.
$ rm -f /tmp/envelope-golden-same.csv && envelope montecarlo examples/coventry-2019.yaml -n 100 -o /tmp/envelope-golden-same.csv --draws-out /tmp/envelope-golden-same.csv; ls /tmp/envelope-golden-same.csv 2>&1 | sed 's/.*No such.*/absent/'
absent
>2
envelope: -o /tmp/envelope-golden-same.csv and --draws-out /tmp/envelope-golden-same.csv name the same file: give each output its own
>= 0

$ rm -f /tmp/envelope-golden-j.xml /tmp/envelope-golden-jl.xml && ln -s envelope-golden-j.xml /tmp/envelope-golden-jl.xml && envelope check examples/coventry-2019.yaml -o /tmp/envelope-golden-j.xml --junit /tmp/envelope-golden-jl.xml; ls /tmp/envelope-golden-j.xml 2>&1 | sed 's/.*No such.*/absent/'; rm -f /tmp/envelope-golden-jl.xml
absent
>2
envelope: -o /tmp/envelope-golden-j.xml and --junit /tmp/envelope-golden-jl.xml name the same file: give each output its own
>= 0
