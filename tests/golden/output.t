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
# -o on the null device discards the table and leaves the device; a full
# device is a failed write, exit 2, naming it. The devices are made afresh
# in a folder of the test's own (mknod, as root; else /dev/null and
# /dev/full themselves), so that a regression could only ever replace those.
$ d=$(mktemp -d) && { mknod $d/null c 1 3 2>/dev/null && null=$d/null || null=/dev/null; } && envelope run examples/coventry-2019.yaml --format csv -o $null && stat -c %F $null; rm -rf $d
character special file
>= 0

$ d=$(mktemp -d) && { mknod $d/full c 1 7 2>/dev/null && full=$d/full || full=/dev/full; } && envelope run examples/coventry-2019.yaml --format csv -o $full 2>&1 | sed "s|$full|FULL|"; stat -c %F $full; rm -rf $d
envelope: FULL: cannot write: No space left on device
character special file
>= 0

$ d=$(mktemp -d) && { mknod $d/null c 1 3 2>/dev/null && null=$d/null || null=/dev/null; } && envelope report examples/coventry-2019.yaml --format xlsx -o $null && stat -c %F $null; rm -rf $d
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
$ d=$(mktemp -d) && mkfifo $d/pipe && { timeout 10 head -1 $d/pipe > $d/got & } && timeout 10 envelope run examples/coventry-2019.yaml --format csv -o $d/pipe; wait && stat -c %F $d/pipe && cat $d/got; rm -rf $d
fifo
line,2019/20,2020/21,2021/22,2022/23,2023/24,2024/25,2025/26,2026/27,2027/28,2028/29,total
>= 0

# A symbolic link is written through: the link stays, its target gets the table.
$ d=$(mktemp -d) && echo old > $d/target.csv && ln -s target.csv $d/link.csv && envelope run examples/coventry-2019.yaml --format csv -o $d/link.csv && stat -c %F $d/link.csv && head -1 $d/target.csv && ls -A $d | paste -sd' '; rm -rf $d
symbolic link
line,2019/20,2020/21,2021/22,2022/23,2023/24,2024/25,2025/26,2026/27,2027/28,2028/29,total
link.csv target.csv
>= 0

# A replaced file keeps its mode (and owner, where the process may set it).
$ d=$(mktemp -d) && echo old > $d/out.md && chmod 640 $d/out.md && envelope run examples/coventry-2019.yaml -o $d/out.md && stat -c %a $d/out.md && head -c 3 $d/out.md && echo; rm -rf $d
640
###
>= 0

# As root, a replaced file keeps its owner too (here: nobody's file, written by root).
$ d=$(mktemp -d) && echo old > $d/theirs.csv && chown nobody $d/theirs.csv && envelope run examples/coventry-2019.yaml --format csv -o $d/theirs.csv && stat -c %U $d/theirs.csv; rm -rf $d
nobody
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

# CSV for people to open in a spreadsheet: a text cell that begins with =, +,
# - or @ gets a leading apostrophe, so the spreadsheet shows it as text and
# never runs it (OWASP's CSV injection); numbers, negative ones too, are as
# they are. (convert --to csv stays lossless, and is not changed.)
$ envelope check tests/golden/data/formula-names.yaml --format csv
check,result,variant,metric,actual,expected
'=1+1,PASS,base,cost,1200.00,max 2000.00
'@SUM(A1),PASS,base,headroom,-200.00,min -500.00
'-minus,PASS,base,cost,1200.00,min 0.00
>= 0

# A group's line key begins with cost.group., which no spreadsheet runs.
$ envelope run tests/golden/data/formula-names.yaml --format csv | sed -n 3p
"cost.group.=HYPERLINK(""http://example.invalid"",""click"")",1200.00,1200.00
>= 0

# CSV holds one table: run writes the projection unless --table names
# another (issue 14: no table dropped silently); the headline figures are
# the SPEC example's nine-year cost and its zero headroom.
$ envelope run examples/coventry-2019.yaml --format csv --table headline | head -3
metric,value
cost,12131595.00
headroom,0.00
>= 0

# A table that is not one of the command's is refused, with the list.
$ envelope run examples/coventry-2019.yaml --format csv --table totals
>2
envelope: --table totals: no such table; write one of projection, whole_life, headline
>= 2

# CSV headers are snake_case, but a variant's name stays as written.
$ envelope compare examples/coventry-2019.yaml --variant "Grant cut:funding.public_health.change=-0.02" --metric cost --format csv
metric,base,Grant cut,diff_Grant cut
cost,12131595.00,12131595.00,0.00
>= 0

# libxlsxwriter is loaded only when a workbook is written. When it cannot be,
# the command says so and how to fix it, exits 2, and leaves no file behind;
# every other output works without it.
$ rm -rf /tmp/envelope-golden-nolib && mkdir /tmp/envelope-golden-nolib && ENVELOPE_XLSXWRITER=/nonexistent/libxlsxwriter.so.4 envelope workbook examples/coventry-2019.yaml -o /tmp/envelope-golden-nolib/w.xlsx; ls -A /tmp/envelope-golden-nolib | wc -l
0
>2
envelope: cannot write XLSX: /nonexistent/libxlsxwriter.so.4: cannot open shared object file: No such file or directory (install the libxlsxwriter4 package, or set ENVELOPE_XLSXWRITER to the library's path)
>= 0

$ ENVELOPE_XLSXWRITER=/nonexistent/libxlsxwriter.so.4 envelope report examples/coventry-2019.yaml -o /tmp/envelope-golden-nolib/r.xlsx; ls -A /tmp/envelope-golden-nolib | wc -l
0
>2
envelope: cannot write XLSX: /nonexistent/libxlsxwriter.so.4: cannot open shared object file: No such file or directory (install the libxlsxwriter4 package, or set ENVELOPE_XLSXWRITER to the library's path)
>= 0

$ ENVELOPE_XLSXWRITER=/nonexistent/libxlsxwriter.so.4 envelope report examples/coventry-2019.yaml -o /tmp/envelope-golden-nolib/r.html && ls -A /tmp/envelope-golden-nolib
r.html
>= 0

# A library that loads but lacks a function the tool calls is named as such.
$ ENVELOPE_XLSXWRITER=libz.so.1 envelope workbook examples/coventry-2019.yaml -o /tmp/envelope-golden-nolib/w.xlsx; ls -A /tmp/envelope-golden-nolib
r.html
>2
envelope: cannot write XLSX: libz.so.1 has no chart_add_series (install the libxlsxwriter4 package, or set ENVELOPE_XLSXWRITER to the library's path)
>= 0
