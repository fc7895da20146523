# syntax=docker/dockerfile:1
#
# The developer portal as static files behind nginx:
#   docker build -f deploy/portal.Dockerfile -t meridian-portal .
#   docker run -p 8080:8080 meridian-portal
# Its pages call /graphql on their own origin: put it behind the same host as the gateway (see
# deploy/kubernetes/ingress.yaml), or let the gateway serve the build itself (PORTAL_DIR).

ARG NODE_VERSION=20.20.2
ARG NPM_VERSION=11.19.1
ARG NGINX_VERSION=1.28

FROM node:${NODE_VERSION}-bookworm AS build
ARG NPM_VERSION
RUN npm install --global --no-audit --no-fund npm@${NPM_VERSION}
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY contracts/package.json contracts/
COPY schema/package.json schema/
COPY kit/package.json kit/
COPY subgraphs/matches/package.json subgraphs/matches/
COPY subgraphs/telemetry/package.json subgraphs/telemetry/
COPY subgraphs/billing/package.json subgraphs/billing/
COPY gateway/package.json gateway/
COPY stack/package.json stack/
COPY portal/package.json portal/
# The portal's generator compiles the schema and kit packages (the reference pages come from the supergraph,
# its limits and the demo data), so every workspace's dependencies are installed.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w @meridian/portal

# Runs as the unprivileged nginx user (uid 101) and listens on 8080.
FROM nginxinc/nginx-unprivileged:${NGINX_VERSION}-alpine AS runtime
COPY deploy/portal.nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/portal/build /usr/share/nginx/html
USER 101
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
