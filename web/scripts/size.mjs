// Prints the gzipped size of the JavaScript the public entry loads at first visit (the entry chunk and
// its static imports, from Vite's manifest), and what each lazy page adds on top (the back office's
// parts below the back office, each on top of it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = process.env.JIUYE_WEB_DIST ?? fileURLToPath(new globalThis.URL('../dist', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** A chunk and everything it imports statically, as manifest keys. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}
const jsOf = (keys) => [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entry = closure(entryKey);
const entryJs = sum(jsOf(entry));
const css = [...entry].flatMap((k) => manifest[k].css ?? []);
console.log(
  `public entry (${entryKey}): ${kb(entryJs)} of gzipped JavaScript${css.length ? `, ${kb(sum(css))} CSS` : ''}`,
);
let worst = 0;
/** A lazy chunk: what it adds on top of what its parent already loaded; then its own lazy chunks. */
function lazyChunks(keys, loaded, depth) {
  for (const key of keys) {
    const own = [...closure(key)].filter((k) => !loaded.has(k));
    const added = sum(jsOf(own));
    if (depth === 0) worst = Math.max(worst, added);
    console.log(`${'  '.repeat(depth + 1)}+ ${key.replace(/^src\//, '')}: ${kb(added)}`);
    lazyChunks(manifest[key].dynamicImports ?? [], new Set([...loaded, ...own]), depth + 1);
  }
}
lazyChunks(manifest[entryKey].dynamicImports ?? [], entry, 0);
console.log(`first visit, heaviest page: ${kb(entryJs + worst)} gzipped JavaScript (budget 250 KB)`);
