#!/usr/bin/env bash
# The hub's packages as another team gets them: build the libs with declarations, `npm pack` each
# workspace into a temporary directory, copy each example of examples/ out of the repository (so
# nothing resolves through the repository's node_modules or tsconfig paths), install the tarballs
# there with npm, build with `strict: true`, and run: the kernel-only program, and the CRM
# service's e2e test (HTTP on its own embedded PostgreSQL). Third-party packages come from npm's
# cache when it has them (--prefer-offline), else from the registry.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/hub-examples-XXXXXX")
# The embedded PostgreSQL runs as the `postgres` user when started as root: it must reach the
# binaries installed under the work directory.
chmod 755 "$work"
if [ "${KEEP_EXAMPLES_DIR:-}" != "1" ]; then trap 'rm -rf "$work"' EXIT; fi

echo "== build the libs (tsc -b, declarations)"
npm run --silent build:libs

echo "== pack every workspace"
mkdir -p "$work/packs"
npm pack --silent --workspaces --pack-destination "$work/packs" >/dev/null
ls "$work/packs"
tarball() { ls "$work/packs"/hub-"$1"-*.tgz; }

install_example() { # name, lib tarballs...
  local name=$1
  shift
  cp -R "$root/examples/$name" "$work/$name"
  rm -rf "$work/$name/node_modules" "$work/$name/dist" "$work/$name/package-lock.json"
  local tarballs=()
  for lib in "$@"; do tarballs+=("$(tarball "$lib")"); done
  (cd "$work/$name" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "${tarballs[@]}")
}

echo "== examples/kernel-only: @hub/shared-kernel from plain TypeScript"
install_example kernel-only shared-kernel
(cd "$work/kernel-only" && npm run --silent build && npm start --silent)

echo "== examples/crm-service: a Nest service on @hub/platform + @hub/crm-pipeline"
# crm-pipeline depends on customer-summary (its default ODS check), so its tarball comes along.
install_example crm-service shared-kernel platform customer-summary crm-pipeline
(cd "$work/crm-service" && npm run --silent build && npm test --silent)

echo "== examples checked in $((SECONDS - started)) s"
