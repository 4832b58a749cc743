// The service's entry point: a health endpoint to start from.
import { createServer } from 'node:http';

export const serviceName = ${{ values.name | dump }};

export function health(): { service: string; status: 'ok' } {
  return { service: serviceName, status: 'ok' };
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 8080);
  createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(health()));
  }).listen(port, () => console.log(`${serviceName} listening on ${port}`));
}
