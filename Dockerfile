# syntax=docker/dockerfile:1
# Build stage: compile TypeScript and the sqlite3 native module, then drop dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build && npm prune --omit=dev

# Runtime stage: no compilers, no sources, a non-root user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/keyward.sqlite \
    KEYRING_FILE=/run/secrets/keyward_keyring \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The data directory is a volume owned by the unprivileged "node" user (uid 1000), mode 0700.
# The keyring is never baked in: mount it as a secret file (mode 0400, owned by uid 1000).
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/src/cli/healthcheck.js"]
# SIGTERM lets in-flight interactions finish (up to 10 s) before the store closes
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
