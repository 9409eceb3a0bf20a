// `pnpm start` builds the web client only when dist/ is missing or older than its
// sources, so a second start is instant and a `git pull` still gets a fresh build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const client = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const built = path.join(client, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', '../shared/src'].map((p) => path.join(client, p));

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('Building the web client…');
  execSync('pnpm run build', { cwd: client, stdio: 'inherit' });
}
