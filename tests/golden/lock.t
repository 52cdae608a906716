# envelope lock and check --lock on tests/lock/data/small.yaml, whose figures
# are worked out by hand. Over 2024/25 and 2025/26: care costs £1,200 a year
# (paid by the grant), advice £600 in 2024/25 only (pooled); the envelope
# and the grant are £1,500 a year. So cost is 1,800 then 1,200 (3,000),
# headroom and gap -300 then +300 (0, lowest -300, one year short),
# committed.grant 1,200 a year, balance 300 a year, npv = 1,800 + 1,200 / 1.035
# = 2,959.42. The variant dearer makes care £1,320: cost 1,920 + 1,320 =
# 3,240, headroom 3,000 - 3,240 = -240, lowest 1,500 - 1,920 = -420, npv =
# 1,920 + 1,320 / 1.035 = 3,195.36. tests/lock/data/small.lock holds exactly
# these, written by hand; envelope lock must write the same bytes.
$ envelope lock tests/lock/data/small.yaml | diff - tests/lock/data/small.lock && echo same
same
>= 0

# Written to a file it is the same lock; report --lock writes it too.
$ d=$(mktemp -d) && envelope lock tests/lock/data/small.yaml -o $d/a.lock && envelope report tests/lock/data/small.yaml -o $d/r.md --lock $d/b.lock && cmp $d/a.lock tests/lock/data/small.lock && cmp $d/b.lock tests/lock/data/small.lock && echo same; rm -r $d
same
>= 0

# Nothing has moved.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock
All 57 figures are as tests/lock/data/small.lock quotes them
>= 0

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --format json
{
  "lock": "tests/lock/data/small.lock",
  "file": "tests/lock/data/small.yaml",
  "tolerance": 0.00,
  "compared": 57,
  "moved": 0,
  "figures": []
}
>= 0

# A 10% uplift at care's one anniversary makes its second year £1,320: every
# figure that holds care's 2025/26 moves by £120 (npv by 120 / 1.035 =
# 115.94), and dearer's second year is 1,320 x 1.1 = 1,452, £132 more (npv
# 132 / 1.035 = 127.54). The 2024/25 figures, advice, the envelope, the
# funding, the lowest headroom and gap (both in 2024/25) and the count of
# years short do not move.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1
Figures that moved since tests/lock/data/small.lock (difference: now - quoted)
Figure                      Quoted       Now  Difference
cost                      3,000.00  3,120.00      120.00
cost.care                 2,400.00  2,520.00      120.00
committed.grant           2,400.00  2,520.00      120.00
balance.grant               600.00    480.00     -120.00
headroom                      0.00   -120.00     -120.00
gap                           0.00   -120.00     -120.00
npv                       2,959.42  3,075.36      115.94
tcv                       3,000.00  3,120.00      120.00
tcv.care                  2,400.00  2,520.00      120.00
tcv_base                  3,000.00  3,120.00      120.00
tcv_base.care             2,400.00  2,520.00      120.00
tcv_max                   3,000.00  3,120.00      120.00
tcv_max.care              2,400.00  2,520.00      120.00
cost.care@2025/26         1,200.00  1,320.00      120.00
cost@2025/26              1,200.00  1,320.00      120.00
headroom@2025/26            300.00    180.00     -120.00
gap@2025/26                 300.00    180.00     -120.00
committed.grant@2025/26   1,200.00  1,320.00      120.00
balance.grant@2025/26       300.00    180.00     -120.00
variant[dearer].cost      3,240.00  3,372.00      132.00
variant[dearer].headroom   -240.00   -372.00     -132.00
variant[dearer].gap        -240.00   -372.00     -132.00
variant[dearer].npv       3,195.36  3,322.90      127.54
variant[dearer].tcv       3,240.00  3,372.00      132.00
variant[dearer].tcv_base  3,240.00  3,372.00      132.00
variant[dearer].tcv_max   3,240.00  3,372.00      132.00

26 of 57 figures moved since tests/lock/data/small.lock
>= 1

# --filter keeps the figures whose name holds the text; CSV and Markdown.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --filter npv --format csv
figure,quoted,now,difference
npv,2959.42,3075.36,115.94
variant[dearer].npv,3195.36,3322.90,127.54
>= 1

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --filter npv --format md
### Figures that moved since tests/lock/data/small.lock (difference: now - quoted)

| Figure | Quoted | Now | Difference |
| :--- | ---: | ---: | ---: |
| npv | 2,959.42 | 3,075.36 | 115.94 |
| variant\[dearer\].npv | 3,195.36 | 3,322.90 | 127.54 |

2 of 2 figures moved since tests/lock/data/small.lock
>= 1

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --filter dearer].npv --format json
{
  "lock": "tests/lock/data/small.lock",
  "file": "tests/lock/data/small.yaml",
  "tolerance": 0.00,
  "compared": 1,
  "moved": 1,
  "figures": [
    {
      "name": "variant[dearer].npv",
      "part": "variants",
      "quoted": 3195.36,
      "now": 3322.90,
      "difference": 127.54
    }
  ]
}
>= 1

# --tolerance (pounds): npv moved by 115.94 and 127.54, the rest by 120 and 132.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --tolerance 125 --filter dearer
Figures that moved since tests/lock/data/small.lock (difference: now - quoted)
Figure                      Quoted       Now  Difference
variant[dearer].cost      3,240.00  3,372.00      132.00
variant[dearer].headroom   -240.00   -372.00     -132.00
variant[dearer].gap        -240.00   -372.00     -132.00
variant[dearer].npv       3,195.36  3,322.90      127.54
variant[dearer].tcv       3,240.00  3,372.00      132.00
variant[dearer].tcv_base  3,240.00  3,372.00      132.00
variant[dearer].tcv_max   3,240.00  3,372.00      132.00

7 of 12 figures moved since tests/lock/data/small.lock (tolerance £125.00)
>= 1

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --tolerance 132 --filter dearer
All 12 figures are as tests/lock/data/small.lock quotes them (tolerance £132.00)
>= 0

# JUnit: one case per figure, classed by the figure's part, a failure for each that moved.
$ d=$(mktemp -d) && envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --set assumptions.uplift=0.1 --filter cost.care --junit $d/l.xml > /dev/null; echo $?; sed -e 's/time="[^"]*"/time="T"/g' -e 's/timestamp="[^"]*"/timestamp="S"/' $d/l.xml; rm -r $d
1
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="envelope check --lock" tests="3" failures="2" errors="0" skipped="0" time="T">
  <testsuite name="tests/lock/data/small.lock" tests="3" failures="2" errors="0" skipped="0" time="T" timestamp="S" hostname="localhost" id="0" package="envelope">
    <testcase classname="tests/lock/data/small/metrics" name="cost.care" time="T">
      <failure message="quoted 2400.00, now 2520.00, difference 120.00" type="moved">quoted 2400.00, now 2520.00, difference 120.00</failure>
    </testcase>
    <testcase classname="tests/lock/data/small/periods" name="cost.care@2024/25" time="T"/>
    <testcase classname="tests/lock/data/small/periods" name="cost.care@2025/26" time="T">
      <failure message="quoted 1200.00, now 1320.00, difference 120.00" type="moved">quoted 1200.00, now 1320.00, difference 120.00</failure>
    </testcase>
  </testsuite>
</testsuites>
>= 0

# A --set the lock was written with is applied again before check's own.
$ d=$(mktemp -d) && envelope lock tests/lock/data/small.yaml --set assumptions.uplift=0.1 -o $d/u.lock && grep '^set' $d/u.lock && envelope check tests/lock/data/small.yaml --lock $d/u.lock | sed "s|$d|DIR|"; rm -r $d
set = assumptions.uplift=0.1
All 57 figures are as DIR/u.lock quotes them
>= 0

# A lock that is not of the scenario's shape: each difference named, exit 2.
$ envelope check tests/lock/data/small-renamed.yaml --lock tests/lock/data/small.lock
>2
tests/lock/data/small.lock:13: contract advice is in the lock but not in tests/lock/data/small-renamed.yaml
tests/lock/data/small.lock:15: variant dearer is in the lock but not in tests/lock/data/small-renamed.yaml
tests/lock/data/small.lock: variant costlier is in tests/lock/data/small-renamed.yaml but not in the lock
envelope: tests/lock/data/small.lock is not a lock of tests/lock/data/small-renamed.yaml as it is now; if the change is meant, lock it again: envelope lock tests/lock/data/small-renamed.yaml -o tests/lock/data/small.lock
>= 2

# report --lock may not name its own -o.
$ envelope report tests/lock/data/small.yaml -o /tmp/same.md --lock /tmp/same.md
>2
envelope: -o /tmp/same.md and --lock /tmp/same.md name the same file: give each output its own
>= 2

# --lock reads one lock of one scenario.
$ envelope check tests/lock/data/small.yaml tests/lock/data/small.yaml --lock tests/lock/data/small.lock
>2
envelope: --lock tests/lock/data/small.lock is the lock of one scenario: give one FILE, not 2
>= 2

# --tolerance is for --lock, in pounds, 0 or more.
$ envelope check tests/lock/data/small.yaml --tolerance 1
>2
envelope: --tolerance is for check --lock: give --lock LOCK
>= 2

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --tolerance -1
>2
envelope: --tolerance -1: expected an amount in pounds, 0 or more
>= 2

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --tolerance lots
>2
envelope: --tolerance lots: expected a number
>= 2

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --filter nothing
>2
envelope: --filter nothing: no figure of tests/lock/data/small.lock has 'nothing' in its name
>= 2

# The lock is an input: -o may not replace it.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock -o tests/lock/data/small.lock
>2
envelope: tests/lock/data/small.lock: refusing to overwrite an input file
>= 2

$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/small.lock --junit tests/lock/data/small.lock
>2
envelope: tests/lock/data/small.lock: refusing to overwrite an input file
>= 2

$ envelope lock tests/lock/data/small.yaml -o tests/lock/data/small.yaml
>2
envelope: tests/lock/data/small.yaml: refusing to overwrite an input file
>= 2

# A lock file that is missing is named.
$ envelope check tests/lock/data/small.yaml --lock tests/lock/data/missing.lock
>2
envelope: tests/lock/data/missing.lock: no such file
>= 2

# Help ends with a worked example.
$ envelope lock --help | tail -3
Examples:
  envelope lock examples/coventry-2019.yaml -o figures.lock
  envelope check examples/coventry-2019.yaml --lock figures.lock
>= 0
