#!/usr/bin/env node
// `npm run test:e2e`: type-checks, builds dist/ when a source is newer, starts the mock API on a free port,
// runs tests/web/dashboard.spec.mjs against it, stops the server, and exits with the test's code.
// Screenshots go to $SCREENSHOT_DIR (default web/screenshots).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from './mock-server.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(web, '..', 'tests', 'web', 'dashboard.spec.mjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const tsc = spawnSync(process.execPath, [join(web, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(web, 'tsconfig.json')], { cwd: web, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('test:e2e: the type check failed');
  process.exit(tsc.status ?? 1);
}
const outputs = ['index.html', 'app.js', 'app.css'].map((n) => join(web, 'dist', n));
const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
const sources = Math.max(newest(join(web, 'src')), statSync(join(web, 'build.mjs')).mtimeMs, statSync(join(web, 'package-lock.json')).mtimeMs);
if (built < sources) {
  console.log('test:e2e: building dist/');
  const r = spawnSync(process.execPath, [join(web, 'build.mjs')], { cwd: web, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = await startMockServer({ port: 0, dist: join(web, 'dist') });
const baseUrl = `http://127.0.0.1:${server.address().port}`;
console.log(`test:e2e: mock API and dashboard on ${baseUrl}`);

const child = spawn(process.execPath, [spec], {
  cwd: web,
  stdio: 'inherit',
  env: { ...process.env, BASE_URL: baseUrl, SCREENSHOT_DIR: process.env.SCREENSHOT_DIR || join(web, 'screenshots') },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code, signal) => {
  server.close();
  process.exit(code ?? (signal ? 1 : 0));
});
