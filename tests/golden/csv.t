# The SPEC example as path,value rows, and with its lots and streams in CSV
# tables: the same figures as the YAML (see eval.t for how they are derived).
$ envelope eval examples/coventry-2019.csv cost npv cost@2019/20 tcv_base
12131595.00
10524008.07
1010966.25
6739775.00
>= 0

$ envelope eval examples/coventry-tables.yaml cost npv cost@2019/20 tcv_base funding.core
12131595.00
10524008.07
1010966.25
6739775.00
6259410.00
>= 0

# The three forms give byte-identical JSON.
$ envelope run examples/coventry-2019.yaml --format json > /tmp/envelope-golden-a.json && envelope run examples/coventry-2019.csv --format json | cmp - /tmp/envelope-golden-a.json && envelope run examples/coventry-tables.yaml --format json | cmp - /tmp/envelope-golden-a.json && echo identical
identical
>= 0

# A path,value scenario on standard input is recognised by its header.
$ cat examples/coventry-2019.csv | envelope eval - cost
12131595.00
>= 0

# --set with * for one level, and rates as percentages.
$ envelope eval examples/coventry-2019.yaml cost --set 'contracts.*.uplift=0.02'
13148800.19
>= 0

$ envelope eval examples/coventry-2019.yaml cost --set assumptions.uplift=2%
13148800.19
>= 0

$ envelope eval examples/coventry-2019.csv cost --set 'contracts.*.uplift=2%'
13148800.19
>= 0

$ envelope eval examples/coventry-2019.yaml cost --set 'contracts.*.uplfit=0.02'
>2
--set:1:13: contracts.*.uplfit: unknown key 'uplfit' (did you mean 'uplift'?)
>= 2

# Three years' term for every contract: 3 + 2 + 2 years of 1,347,955.
$ envelope eval examples/coventry-2019.yaml cost --set 'contracts.*.term=3'
9435685.00
>= 0

# A --set value is read like a CSV cell: text with ": " needs no quotes.
$ envelope run examples/coventry-2019.yaml --format json --set 'scenario.name=Option B: no uplift' | head -3
{
  "scenario": {
    "name": "Option B: no uplift",
>= 0

# convert: YAML to CSV to YAML keeps every figure; CSV to YAML to CSV is stable.
$ envelope convert examples/coventry-2019.yaml --to csv -o /tmp/envelope-golden.csv && envelope convert /tmp/envelope-golden.csv --to yaml -o /tmp/envelope-golden.yaml && envelope run /tmp/envelope-golden.yaml --format json | cmp - /tmp/envelope-golden-a.json && envelope convert /tmp/envelope-golden.yaml --to csv | cmp - /tmp/envelope-golden.csv && echo round trip ok
round trip ok
>= 0

$ for f in examples/calendar-year-council.yaml examples/declining-grant.yaml; do envelope convert $f --to csv | envelope convert - --to yaml | envelope run - --format json | cmp - <(envelope run $f --format json) && echo same; done
same
same
>= 0

# Expressions stay expressions; lists and nested tables are flow values.
$ envelope convert examples/coventry-2019.yaml --to csv | grep -E '^(defaults.extensions|contracts.da_victims.annual|sensitivity.parameters.assumptions.uplift),'
defaults.extensions,"[2, 2]"
contracts.da_victims.annual,580000 * (1 - pcc_cut)
sensitivity.parameters.assumptions.uplift,"{low: 0, high: 0.03, dist: triangular, mode: 0.01}"
>= 0

$ envelope convert examples/coventry-2019.yaml
>2
envelope: say which form to write: --to yaml or --to csv
>= 2

# validate --paths: every number the scenario uses, with its resolved value.
$ envelope validate --paths examples/coventry-tables.yaml | head -4
assumptions.pcc_cut                                 0.03
assumptions.uplift                                  0
assumptions.discount_rate                           0.035
envelope.annual                                     1347955
>= 0

$ envelope validate --paths examples/coventry-2019.yaml | grep -E '^(defaults.uplift|contracts.da_victims.annual) '
defaults.uplift                                     0  = uplift
contracts.da_victims.annual                         562600  = 580000 * (1 - pcc_cut)
>= 0

$ envelope validate --paths examples/coventry-tables.yaml | grep sva_counselling
contracts.sva_counselling.annual                    188805
contracts.sva_counselling.funded_by.public_health   1
>= 0

# convert --to yaml quotes any name or id that another YAML reader (PyYAML,
# YAML 1.1) would take for a boolean, a date or a number, so that it reads
# every one back as the text envelope reads; envelope reads the output back
# to the same figures.
$ envelope convert tests/golden/data/yaml-names.yaml --to yaml | /usr/bin/python3 -c "import sys, yaml; d = yaml.safe_load(sys.stdin); print(repr(d['scenario']['name']), sorted(d['contracts']), [(c['name'], c['group']) for c in d['contracts'].values()], [c['name'] for c in d['checks']], repr(d['scenario']['start']))"
'No' ['on', 'yes'] [('2019-07-01', '0x1F'), ('1e3', '~')] ['off', '1:20'] datetime.date(2019, 7, 1)
>= 0

$ envelope convert tests/golden/data/yaml-names.yaml --to yaml -o /tmp/envelope-golden-names.yaml && envelope run /tmp/envelope-golden-names.yaml --format json | cmp - <(envelope run tests/golden/data/yaml-names.yaml --format json) && echo same
same
>= 0

# Includes stay inside (SPEC 2.2): a table that resolves, through a symbolic
# link, outside the current directory and the scenario's folder is refused
# without a word of its content (here a "secret" the link points at), unless
# --include-root names its folder; a named pipe is refused, never read (it
# used to hang validate).
$ d=$(mktemp -d) && mkdir $d/proj $d/secret && printf 'SECRET_TOKEN=abc123\n' > $d/secret/s.csv && printf 'scenario: {name: T, start: 2024-04-01}\nenvelope: {annual: 1}\ncontracts: x.csv\n' > $d/proj/s.yaml && ln -s ../secret/s.csv $d/proj/x.csv && cd $d/proj && envelope validate s.yaml 2>&1 | grep -c SECRET; envelope validate s.yaml 2>&1 | sed 's/(tried .*)/(tried ...)/'; envelope --include-root ../secret validate s.yaml 2>&1 | grep -c SECRET; cd / && rm -rf $d
0
s.yaml:3:12: contracts: cannot read 'x.csv' (tried ...): it resolves outside the current directory and the scenario's folder; an included table must be inside one of them, or under a folder named by --include-root DIR
1
>= 0

$ d=$(mktemp -d) && printf 'scenario: {name: T, start: 2024-04-01}\nenvelope: {annual: 1}\ncontracts: x.csv\n' > $d/s.yaml && mkfifo $d/x.csv && cd $d && timeout 10 envelope validate s.yaml; echo "exit $?"; cd / && rm -rf $d
exit 2
>2
s.yaml:3:12: contracts: cannot read 'x.csv' (tried x.csv): not a regular file (a pipe, a device or a socket): an included table must be a file
>= 0

# Spreadsheet habits read as meant: a Path,Value header in any case, empty
# columns after it and trailing commas on rows (as Excel saves a sheet with
# a stray column), spaces around = in --set, --format in capitals.
$ printf 'Path,Value,,\nscenario.name,Habits,,\nscenario.start,2024-04-01,\nenvelope.annual,100\ncontracts.a.annual,50,,\ncontracts.a.term,1\n' > /tmp/envelope-golden-habits.csv && envelope eval /tmp/envelope-golden-habits.csv cost headroom
50.00
50.00
>= 0

$ envelope eval examples/coventry-2019.yaml cost --set "envelope.annual = 1400000" && envelope run examples/coventry-2019.yaml --format CSV | head -1 | cut -d, -f1-2
12131595.00
line,2019/20
>= 0

# A period written 2024-25 is not a month: the financial year is 2024/25.
$ envelope eval examples/coventry-2019.yaml cost@2024-25
>2
envelope: period '2024-25' is not a month (2020-07); the financial year is written 2024/25
>= 2
