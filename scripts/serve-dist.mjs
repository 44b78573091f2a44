// A loopback server for the CDN build (dist/cdn under /cdn/) and a few pages or documents
// given as { path: [contentType, body] }, for the CDN test and the benchmark.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

/** Resolves to { origin, close }. */
export function serveDist(routes = {}) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    const send = (type, body) => (response.writeHead(200, { 'content-type': type }), response.end(body));
    if (routes[path]) return send(...routes[path]);
    const file = normalize(join('dist', path));
    try {
      if (!file.startsWith('dist/cdn/')) throw new Error('outside the CDN build');
      send(types[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}
