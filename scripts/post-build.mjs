// Trunk post_build hook (runs in the staging dir before it becomes dist/):
// 1. moves Trunk's inline start-up script into a hashed file, so the Content-Security-Policy
//    can forbid every inline script;
// 2. writes sw.js from static/sw.template.js with the list of the build's files and a version
//    derived from their contents (Trunk hashes the names, so the list cannot be hard-coded).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');

// 1. Trunk's inline start-up module, moved as it is into boot-<hash>.js.
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const inline = /<script type="module"([^>]*)>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (match && !/\ssrc=/.test(match[1])) {
  const body = match[2].trim() + '\n';
  const name = `boot-${sha(body).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(staging, name), body);
  html = html.replace(inline, `<script type="module"${match[1]} src="/${name}"></script>`);
}
if (/<script(?![^>]*\ssrc=)[^>]*>[\s\S]*?\S[\s\S]*?<\/script>/.test(html)) {
  console.error('post-build: index.html still has an inline script; the CSP would block it');
  process.exit(1);
}
fs.writeFileSync(indexPath, html);

// 2. The service worker with the precache list.
const files = fs.readdirSync(staging, { recursive: true })
  .map(String)
  .filter((f) => fs.statSync(path.join(staging, f)).isFile())
  .filter((f) => f !== 'sw.js' && !f.startsWith('.') && !f.endsWith('.template.js'))
  .sort();
const version = sha(files.map((f) => f + sha(fs.readFileSync(path.join(staging, f)))).join('\n')).slice(0, 16);
const assets = files.map((f) => '/' + f.split(path.sep).join('/'));
const template = fs.readFileSync(path.join(root, 'static', 'sw.template.js'), 'utf8');
const sw = template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__ASSETS__', JSON.stringify(assets, null, 2));
fs.writeFileSync(path.join(staging, 'sw.js'), sw);
console.log(`post-build: boot script externalised, sw.js caches ${assets.length} files (version ${version})`);
