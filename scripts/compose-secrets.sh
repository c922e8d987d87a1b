#!/usr/bin/env bash
# Writes the secrets docker-compose.yml requires into .env (beside it), each only if it is not
# there yet: POSTGRES_PASSWORD, AUTH_JWT_SECRET, AUDIT_HASH_KEY, WEBHOOK_SECRET. Random values from
# Node's crypto; the file is made readable by its owner only. Existing values are never changed.
set -euo pipefail
cd "$(dirname "$0")/.."
touch .env
chmod 600 .env
add() {
  local name="$1" value="$2"
  if grep -qE "^${name}=" .env; then
    echo "$name: kept (already in .env)"
  else
    printf '%s=%s\n' "$name" "$value" >>.env
    echo "$name: generated"
  fi
}
rand() { node -e "process.stdout.write(require('node:crypto').randomBytes($1).toString('$2'))"; }
add POSTGRES_PASSWORD "$(rand 24 hex)"
add AUTH_JWT_SECRET "$(rand 32 hex)"
add AUDIT_HASH_KEY "$(rand 32 hex)"
add WEBHOOK_SECRET "whsec_$(rand 32 base64)"
echo "Secrets are in .env (keep it out of version control). Mint a token with: AUTH_JWT_SECRET=... npm run token"
