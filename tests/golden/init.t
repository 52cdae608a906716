# The starter scenario validates and runs.
$ envelope init | envelope validate -
<stdin>: ok: 2 contracts, 2 funding streams, 2025-04-01 to 2030-03-31
>= 0

# advice 250,000 and outreach 180,000 x 0.95 = 171,000 in 2025/26.
$ envelope init | envelope eval - cost@2025/26 cost.outreach@2025/26
421000.00
171000.00
>= 0

$ rm -f /tmp/envelope-init-golden.yaml && envelope init /tmp/envelope-init-golden.yaml && envelope validate /tmp/envelope-init-golden.yaml | cut -d: -f2-
 ok: 2 contracts, 2 funding streams, 2025-04-01 to 2030-03-31
>= 0

$ envelope init /tmp/envelope-init-golden.yaml
>2
envelope: /tmp/envelope-init-golden.yaml: already exists (use --force to overwrite)
>= 2

# The starter exercises every command: variants to compare, a sensitivity
# block (with a correlation) for tornado, solve and montecarlo, and checks.
# Its lowest headroom is in 2029/30: 500,000 less advice 250,000 x 1.02^4 =
# 270,608.04 and outreach 171,000 x 1.02^4 = 185,095.90, so 44,296.06.
$ envelope init | envelope check -
PASS  Fits the envelope every year: min_headroom = 44,296.06 (min 0.00)
PASS  Five-year cost within budget: cost = 2,190,900.91 (max 2,500,000.00)
PASS  Core funding covers its share: balance.core = 209,604.11 (min 0.00)
3 passed, 0 failed
>= 0

$ envelope init | envelope compare - --metric cost --format csv | cut -d, -f1-3
metric,base,no_extensions
cost,2190900.91,1288428.40
>= 0

$ envelope init | envelope tornado - --format csv | cut -d, -f1
parameter
defaults.exercise
assumptions.uplift
funding.grant.change
>= 0

$ envelope init | envelope montecarlo - -n 500 --quiet --metric headroom --format csv | head -1 | cut -d, -f1-3
metric,mean,se
>= 0

# init FILE.csv writes the starter as path,value rows, which read back to the
# same figures; a directory is refused, --force or not.
$ d=$(mktemp -d) && envelope init $d/s.csv && head -2 $d/s.csv && envelope init $d/s.yaml && envelope run $d/s.csv --format json | cmp - <(envelope run $d/s.yaml --format json) && echo same; rm -rf $d
path,value
scenario.name,Starter scenario
same
>= 0

$ rm -rf /tmp/envelope-init-dir && mkdir /tmp/envelope-init-dir && envelope init /tmp/envelope-init-dir --force
>2
envelope: /tmp/envelope-init-dir: is a directory
>= 2
