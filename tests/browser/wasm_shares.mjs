// Each crate's share of a WebAssembly file's code (a report, not a test): the code
// section's function bodies summed by the crate their name starts with (from the
// "name" section, which the linker writes unless told to strip it), plus the data
// segments. Use it on the linker's output, before wasm-bindgen and wasm-opt drop the
// names: cargo build --profile web --target wasm32-unknown-unknown --bin drplan-web
// then: node tests/browser/wasm_shares.mjs target/wasm32-unknown-unknown/web/drplan-web.wasm
import fs from 'node:fs';

const file = process.argv[2];
if (!file) { console.error('usage: node tests/browser/wasm_shares.mjs FILE.wasm'); process.exit(2); }
const bytes = fs.readFileSync(file);
let at = 8;
const uleb = () => { let result = 0, shift = 0, b; do { b = bytes[at++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return result; };
const text = (len) => { const s = bytes.toString('utf8', at, at + len); at += len; return s; };

let imported = 0;
const bodies = [];
const names = new Map();
let dataBytes = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = uleb();
  const end = at + size;
  if (id === 2) {
    // Imports: imported functions come first in the function index space.
    for (let n = uleb(); n > 0; n--) {
      text(uleb()); text(uleb());
      const kind = bytes[at++];
      if (kind === 0) { uleb(); imported++; }
      else if (kind === 1) { at++; const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 2) { const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 3) { at += 2; }
      else { at++; uleb(); }
    }
  } else if (id === 10) {
    for (let n = uleb(); n > 0; n--) { const len = uleb(); bodies.push(len); at += len; }
  } else if (id === 11) {
    dataBytes = size;
  } else if (id === 0) {
    const name = text(uleb());
    if (name === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = uleb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = uleb(); n > 0; n--) { const index = uleb(); names.set(index, text(uleb())); }
        }
        at = subEnd;
      }
    }
  }
  at = end;
}

// The crate a Rust symbol belongs to, in either mangling or demangled: the first path
// in it (for a trait impl, the type's crate, else the trait's).
function crateOf(name) {
  const v0 = /^_R.*?C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  if (name.startsWith('_ZN')) {
    const legacy = /^_ZN(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
    if (legacy && !name.startsWith('_ZN' + legacy[1] + '_$')) return legacy[2].slice(0, Number(legacy[1]));
    const path = /([A-Za-z_][A-Za-z0-9_]*)\.\./.exec(name);
    if (path) return path[1];
  }
  const plain = /^<?(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)::/.exec(name);
  if (plain) return plain[1];
  if (/^(dl|__rust|__rdl|__rg|rust_|__wbg|__wbindgen|__externref|memcpy|memset|memmove|memcmp)/.test(name)) return '(runtime and bindings)';
  return '(other)';
}

// The module of the app's own crate a symbol is in (drplan::cost, drplan::ui…).
function moduleOf(name) {
  const m = /drplan(?:\.\.|::|(?:Nt)*)(\d*)([a-z_][a-z0-9_]*)/.exec(name.replace(/^_ZN6drplan/, 'drplan..').replace(/6drplan(?=N|\d)/, 'drplan'));
  if (!m) return '?';
  return m[1] ? m[2].slice(0, Number(m[1])) : m[2];
}

const byCrate = new Map();
const byModule = new Map();
let total = 0;
bodies.forEach((len, i) => {
  const name = names.get(imported + i) || '';
  const crate = crateOf(name);
  byCrate.set(crate, (byCrate.get(crate) || 0) + len);
  if (crate === 'drplan') byModule.set(moduleOf(name), (byModule.get(moduleOf(name)) || 0) + len);
  total += len;
});
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${file}: ${kb(bytes.length)} KB in all, ${kb(total)} KB of code in ${bodies.length} functions (${names.size} named), ${kb(dataBytes)} KB of data`);
for (const [crate, len] of [...byCrate.entries()].sort((a, b) => b[1] - a[1])) {
  console.log(`${kb(len)} KB ${(100 * len / total).toFixed(1).padStart(5)} %  ${crate}`);
}
console.log('the app crate by module:');
for (const [module, len] of [...byModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${kb(len)} KB ${(100 * len / total).toFixed(1).padStart(5)} %  drplan::${module}`);
}
// TOP=N: also the N largest functions, to see what inside a crate costs most.
const top = Number(process.env.TOP || 0);
if (top > 0) {
  console.log(`the ${top} largest functions:`);
  bodies.map((len, i) => [len, names.get(imported + i) || `#${imported + i}`])
    .sort((a, b) => b[0] - a[0]).slice(0, top)
    .forEach(([len, name]) => console.log(`${kb(len)} KB  ${name.slice(0, 200)}`));
}
