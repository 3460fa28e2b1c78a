// Bundles the console into dist/ (index.html, console.js, console.css): one file each, no CDN.
// The gateway's build copies dist/ into its output (wwwroot/console) and serves it at /.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const outdir = new URL('./dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: { console: 'src/main.ts' },
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: 'es2022',
  format: 'esm',
  outdir,
  logLevel: 'warning',
});
copyFileSync('src/index.html', `${outdir}index.html`);
copyFileSync('src/console.css', `${outdir}console.css`);
console.log(`console built into ${outdir}`);
