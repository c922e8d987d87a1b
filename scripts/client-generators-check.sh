#!/usr/bin/env bash
# Can REST clients generate a working client from the committed openapi.json with no hand edit?
# Generates clients with @hey-api/openapi-ts and orval into a temporary directory and compiles the
# client scenario (packages/client/generators/programs: the same operations of every module) against
# each of them and against @hub/client, with `tsc --strict`. Fails on the first that does not compile.
#
# The generators are heavy (about 140 MB) and only this check needs them, so they are not
# dependencies of the hub: they are pinned with their own lockfile in packages/client/generators and
# installed with `npm ci` into node_modules/.cache/hub-client-generators (reused while the lockfile
# is unchanged). Usage: npm run client:generators-check
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="$root/openapi.json"
gen="$root/packages/client/generators"

hash="$(cat "$gen/package.json" "$gen/package-lock.json" | sha256sum | cut -c1-16)"
tools="$root/node_modules/.cache/hub-client-generators/$hash"
if [ ! -x "$tools/node_modules/.bin/orval" ]; then
  echo "== installing the client generators (packages/client/generators/package-lock.json)"
  rm -rf "$root/node_modules/.cache/hub-client-generators"
  mkdir -p "$tools"
  cp "$gen/package.json" "$gen/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
bin="$tools/node_modules/.bin"

work="$(mktemp -d "${TMPDIR:-/tmp}/hub-client-generators.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== @hey-api/openapi-ts $(node -p "require('$tools/node_modules/@hey-api/openapi-ts/package.json').version")"
mkdir -p "$work/hey-api"
(cd "$work/hey-api" && "$bin/openapi-ts" -i "$spec" -o generated -c @hey-api/client-fetch --no-log-file --silent)

echo "== orval $(node -p "require('$tools/node_modules/orval/package.json').version")"
mkdir -p "$work/orval"
cat >"$work/orval/orval.config.cjs" <<EOF
module.exports = {
  hub: {
    input: { target: '$spec' },
    output: {
      target: '$work/orval/generated/hub.ts',
      client: 'fetch',
      mode: 'single',
      baseUrl: { getBaseUrlFromSpecification: true },
    },
  },
};
EOF
(cd "$work/orval" && "$bin/orval" --config ./orval.config.cjs >/dev/null)

mkdir -p "$work/hub-client"

# One strict program per client: the scenario plus the generated code it imports.
failed=0
for client in hub-client hey-api orval; do
  cp "$gen/programs/$client.ts" "$work/$client/program.ts"
  cat >"$work/$client/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "lib": ["ES2023", "DOM"],
    "types": ["node"],
    "typeRoots": ["$tools/node_modules/@types"],
    "paths": { "@hub/client": ["$root/packages/client/src/index.ts"] }
  },
  "files": ["program.ts"]
}
EOF
  if "$bin/tsc" -p "$work/$client/tsconfig.json"; then
    echo "   $client: the scenario compiles with tsc --strict"
  else
    echo "   $client: the scenario does NOT compile against the generated client (errors above)"
    failed=$((failed + 1))
  fi
done

# orval bakes the base URL in from `servers`; without one its fetch client calls relative URLs,
# which fail at run time outside a browser.
servers="$(node -p "(require('$spec').servers ?? []).length")"
if grep -q 'return `/' "$work/orval/generated/hub.ts"; then
  if [ "$servers" -gt 0 ]; then
    echo "   orval: openapi.json has servers, yet the generated client calls relative URLs"
    failed=$((failed + 1))
  else
    echo "   orval: NOTE openapi.json lists no servers, so orval's client calls relative URLs (fails at run time in Node)"
  fi
fi

echo "client generators: $((3 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
