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
