// Adds lock entries for platform-specific optional dependencies that this machine's registry mirror does not serve.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pk = lock.packages;
let added = 0;
for (const [loc, entry] of Object.entries(pk)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies || {})) {
    // resolve like node: nested then hoisted
    const base = loc ? loc + '/node_modules/' + name : 'node_modules/' + name;
    if (pk[base] || pk['node_modules/' + name]) continue;
    const m = name.match(
      /(android|darwin|freebsd|linux|win32|openharmony|sunos|aix|netbsd|openbsd)[-_]?(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|wasm32)?/,
    );
    const e = { version: range.replace(/^[\^~]/, ''), optional: true };
    if (m) {
      e.os = [m[1]];
      if (m[2]) e.cpu = [m[2]];
    } else {
      e.cpu = ['wasm32'];
    }
    pk['node_modules/' + name] = e;
    added++;
    console.log('added', name, JSON.stringify(e));
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(added);
