// Builds the dashboard into dist/: index.html, app.js, app.css. The names are fixed (no content
// hashes) because `view360` embeds these three files by name; the server sends them with
// `Cache-Control: no-cache` and an ETag instead.
//
//   node build.mjs            one production build (minified, no source map)
//   node build.mjs --watch    rebuild on change (with source maps)
//   node build.mjs --watch --mock   and serve dist/ with the mock API (dev/mock-server.mjs)
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const withMock = process.argv.includes('--mock');

const options = {
  absWorkingDir: root,
  entryPoints: { app: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'info',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  // app.css comes from src/main.ts's `import './styles.css'`.
  plugins: [
    {
      name: 'copy-index-html',
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length) return;
          await copyFile(join(root, 'src/index.html'), join(dist, 'index.html'));
        });
      },
    },
  ],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  if (withMock) {
    const { startMockServer } = await import('./dev/mock-server.mjs');
    const port = Number(process.env.PORT ?? 8360);
    const server = await startMockServer({ port, dist });
    console.log(`mock API and dashboard on http://127.0.0.1:${server.address().port}/`);
  }
} else {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await esbuild.build(options);
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const { size } = await stat(join(dist, name));
    const gzip = (await import('node:zlib')).gzipSync(await readFile(join(dist, name))).length;
    console.log(`dist/${name.padEnd(10)} ${(size / 1024).toFixed(1).padStart(7)} KiB  (gzip ${(gzip / 1024).toFixed(1)} KiB)`);
  }
}
