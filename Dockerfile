# The portal as a container: dist/ (built by `backlot build`) served by nginx with compression and
# long cache headers on hashed assets (deploy/nginx/site.conf). Build the site first:
#   npm ci && npm run backlot -- collect && npm run backlot -- build && docker build -t backlot-portal .
#   docker run --rm -p 8080:8080 backlot-portal
FROM nginx:1.27-alpine
COPY deploy/nginx/site.conf /etc/nginx/backlot/site.conf
COPY deploy/nginx/default.conf /etc/nginx/conf.d/default.conf
COPY dist/ /usr/share/nginx/html/
EXPOSE 8080
