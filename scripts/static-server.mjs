// A small static server for the built site (dist/): the right MIME types, gzip when asked,
// and the app's index.html for every path that is not a file, so /funnel reloads land on it.
// Usage: node scripts/static-server.mjs [dir] [port] [host]; or import { serve } for tests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';


const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function resolveFile(root, urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  const candidate = path.join(root, path.normalize(clean));
  if (!candidate.startsWith(root)) return null;
  try {
    if (fs.statSync(candidate).isFile()) return candidate;
  } catch { /* not a file: fall through to the app */ }
  // Paths that look like files (have an extension) are real 404s; others are app routes.
  return path.extname(clean) ? null : path.join(root, 'index.html');
}

// Compressed once per file version, as a static host or CDN serves it: compressing 1.25 MB
// of wasm on every request would time this server, not the app.
const gzipCache = new Map();
function gzipped(file, body) {
  const stat = fs.statSync(file);
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  if (!gzipCache.has(key)) gzipCache.set(key, zlib.gzipSync(body));
  return gzipCache.get(key);
}

function handle(root, req, res) {
  const file = resolveFile(root, req.url || '/');
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  const body = fs.readFileSync(file);
  const type = TYPES[path.extname(file)] || 'application/octet-stream';
  const headers = { 'content-type': type, 'cache-control': 'no-cache' };
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && type !== 'image/png') {
    headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(gzipped(file, body));
  } else {
    res.writeHead(200, headers);
    res.end(body);
  }
}

/** Serves `dir` on host:port (port 0 picks a free one); resolves to the listening server. */
export function serve(dir = 'dist', port = 8080, host = '127.0.0.1') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => handle(root, req, res));
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  const host = process.argv[4] || '127.0.0.1';
  serve(dir, port, host).then(() =>
    console.log(`Salesplan is served at http://${host}:${port} (from ${path.resolve(dir)})`));
}
