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

// 1. The inline module script -> boot-<hash>.js. It starts the light app (the first load);
//    an address of a full-app page starts the full app instead, without compiling the light
//    one (src/ui/handover.rs; FULL_APP_PAGES is the complement of `Route::in_light_app`).
//    Before it, an async script starts compiling the light app's wasm (see `early` below).
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const inline = /<script type="module"([^>]*)>([\s\S]*?)<\/script>/;
const match = html.match(inline);
const FULL_APP_PAGES = "const FULL_APP_PAGES = ['/ltv', '/headcount', '/clients', '/plans'];";
const ON_FULL_APP_PAGE = "FULL_APP_PAGES.includes(location.pathname.replace(/\\/+$/, ''))";
if (match && !/\ssrc=/.test(match[1])) {
  const trunkImport = /^import init, \* as bindings from '([^']+)';$/m;
  const trunkInit = /^const wasm = await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);$/m;
  if (!trunkImport.test(match[2]) || !trunkInit.test(match[2])) {
    console.error("post-build: Trunk's start-up script has changed; update the rewrite below");
    process.exit(1);
  }
  const wasmUrl = match[2].match(trunkInit)[1];
  // The light app's wasm is compiled from an async script in the head, which runs as soon as
  // it has arrived: it waits neither for the stylesheet nor for the start-up module to load
  // its glue. Logged, it mostly runs about when the start-up module does (the files arrive
  // together), and the app's `main` still ran 16 ms sooner (medians of 24 fresh loads each).
  // Should it not have run by then (or fail: no compileStreaming, a wrong MIME type), the
  // start-up module fetches and compiles the wasm itself, as Trunk's script does.
  const early = [
    '// Starts compiling the light app\'s wasm early (written by scripts/post-build.mjs).',
    '{',
    `  ${FULL_APP_PAGES}`,
    `  if (!${ON_FULL_APP_PAGE} && window.salesplanLightModule === undefined) {`,
    `    window.salesplanLightModule = WebAssembly.compileStreaming(fetch('${wasmUrl}'));`,
    '  }',
    '}',
  ].join('\n') + '\n';
  const earlyName = `wasm-start-${sha(early).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(staging, earlyName), early);
  const lightStart = match[2].trim()
    .replace(trunkImport, "const bindings = await import('$1');\nconst init = bindings.default;")
    .replace(trunkInit, [
      'const early = window.salesplanLightModule;',
      'window.salesplanLightModule = null;',
      `const wasm = await init({ module_or_path: early ? early.catch(() => '$1') : '$1' });`,
    ].join('\n'));
  const body = [
    FULL_APP_PAGES,
    `if (${ON_FULL_APP_PAGE}) {`,
    '  // All three at once rather than one after the other (full-start.js waits for them).',
    "  window.salesplanFullModule = fetch('/salesplan-full_bg.wasm');",
    "  import('/salesplan-full.js').catch(() => {});",
    "  await import('/full-start.js');",
    '} else {',
    ...lightStart.split('\n').map((line) => (line ? '  ' + line : line)),
    '}',
  ].join('\n') + '\n';
  const name = `boot-${sha(body).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(staging, name), body);
  html = html.replace(inline, `<script type="module" src="/${name}"></script>`);
  // Before the stylesheet (and after the Content-Security-Policy, which must precede it).
  const stylesheet = /\n(\s*)<link rel="stylesheet"/;
  if (!stylesheet.test(html)) {
    console.error('post-build: no stylesheet link in index.html to put the wasm start before');
    process.exit(1);
  }
  html = html.replace(stylesheet, `\n$1<script async src="/${earlyName}"></script>\n$1<link rel="stylesheet"`);
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
