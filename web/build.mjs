// Bundles the console into dist/ (index.html, console.js, console.css): one file each, no CDN.
// The gateway's build copies dist/ into its output (wwwroot/console) and serves it at /.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('.', import.meta.url));
process.chdir(web); // the copies below, like the entry points (absWorkingDir), are relative to web/
const outdir = fileURLToPath(new URL('./dist/', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = { absWorkingDir: web, bundle: true, minify: true, target: 'es2022', logLevel: 'warning' };
await build({ ...common, entryPoints: { console: 'src/main.ts' }, sourcemap: 'linked', format: 'esm', outdir });

// The explorer (GraphiQL on Monaco) and Monaco's three web workers: served at /graphql to browsers, apart from the
// console so that the console's pages load none of it.
await build({
  ...common,
  entryPoints: { explorer: 'src/explorer.ts' },
  format: 'esm',
  outdir: `${outdir}explorer`,
  loader: { '.ttf': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
});
await build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  format: 'iife',
  outdir: `${outdir}explorer`,
});
copyFileSync('src/index.html', `${outdir}index.html`);
copyFileSync('src/explorer.html', `${outdir}explorer.html`);
copyFileSync('src/console.css', `${outdir}console.css`);
console.log(`console built into ${outdir}`);
