#!/usr/bin/env bash
# cmake --install puts envelope and its man page under the prefix, the
# installed program runs, `man` renders the page, and CPack's .deb holds the
# same two files. Last line: `install: P passed, F failed`.
#   check_install.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
expect() {  # expect DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@" > "$work/out" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $what"; cat "$work/out"; fi
}
expect "cmake --install to a staging prefix" \
  env DESTDIR="$work/stage" cmake --install "$build" --prefix /usr/local
bin="$work/stage/usr/local/bin/envelope"
page="$work/stage/usr/local/share/man/man1/envelope.1"
expect "the installed program runs" bash -c "'$bin' --version | grep -qx 'envelope [0-9.]*'"
expect "its help names every command" bash -c "'$bin' --help | grep -q montecarlo"
expect "the man page is installed" test -s "$page"
if command -v man > /dev/null; then
  expect "man renders it, with every command's section" bash -c \
    "MANWIDTH=80 man -l '$page' 2>&1 | grep -q 'ENVELOPE MONTECARLO' && MANWIDTH=80 man -l '$page' | grep -q '^NAME'"
  expect "man finds it on its MANPATH" bash -c \
    "MANPATH='$work/stage/usr/local/share/man' man -w envelope | grep -q envelope.1"
else
  echo "note: man is not installed (Debian's man-db); the page was not rendered"
fi
expect "cpack -G DEB builds a package" \
  bash -c "cd '$work' && cpack -G DEB --config '$build/CPackConfig.cmake' -B '$work/deb' > /dev/null"
deb=$(ls "$work"/deb/envelope_*.deb 2>/dev/null | head -1)
expect "the package holds the program and the page" bash -c \
  "dpkg-deb -c '$deb' | grep -q ' ./usr/bin/envelope$' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/man/man1/envelope.1$'"
expect "the package depends on the libraries it links" bash -c \
  "dpkg-deb -f '$deb' Depends | grep -q libxlsxwriter4"
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
