#!/usr/bin/env python3
"""Writes envelope(1), a man page made from the program's own --help texts:
the summary and the commands from `envelope --help`, then a section per
command from `envelope COMMAND --help` (usage, arguments, options, example).

    make_manpage.py ENVELOPE OUT.1 VERSION
"""
import re
import subprocess
import sys

binary, out_path, version = sys.argv[1:4]


def help_text(*args):
    text = subprocess.run([binary, *args, "--help"], capture_output=True, text=True,
                          check=True).stdout
    return text.replace(binary, "envelope")


def roff(line):
    """One line of help as roff text: backslashes and leading dots or quotes escaped."""
    line = line.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + line if line[:1] in (".", "'") else line


top = help_text()
summary = top.split("\n", 1)[0].removeprefix("envelope: ").strip()
commands = re.findall(r"^  (\w+)\s{2,}(.+)$", top.split("Subcommands:", 1)[1], re.M)
page = [
    f'.TH ENVELOPE 1 "" "envelope {version}" "User Commands"',
    ".SH NAME",
    f"envelope \\- {roff(summary)}",
    ".SH SYNOPSIS",
    ".B envelope",
    "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] \\fIFILE\\fR ...",
    ".SH DESCRIPTION",
    "Models what commissioned service contracts cost, year by year, against a budget "
    "envelope and the funding streams that pay for it, in whole pence, exactly. "
    "Scenarios are YAML or CSV files. Every amount is exact decimal arithmetic, "
    "rounded to the penny half away from zero, as a spreadsheet's ROUND does.",
    ".SH COMMANDS",
]
for name, what in commands:
    page += [".TP", f"\\fB{name}\\fR", roff(what)]
for name, _ in commands:
    page += [f'.SH "ENVELOPE {name.upper()}"', ".nf"]
    body = help_text(name).split("\n", 1)[1]  # the first line repeats the command's summary
    page += [roff(line) for line in body.rstrip("\n").split("\n")]
    page += [".fi"]
page += [
    ".SH EXIT STATUS",
    "0 success; 1 a check failed, or solve found no value that reaches the target; "
    "2 bad usage or bad input, or a failed write; 130 interrupted.",
    ".SH ENVIRONMENT",
    ".TP",
    "\\fBNO_COLOR\\fR",
    "When set, tables are never coloured.",
    ".SH SEE ALSO",
    "The README and docs/scenario-format.md of the envelope sources.",
]
open(out_path, "w", encoding="utf-8").write("\n".join(page) + "\n")
