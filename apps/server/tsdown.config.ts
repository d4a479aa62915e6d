import { defineConfig } from 'tsdown'

// `npm start` runs this build, so startup compiles no TypeScript. The workspace packages (@zhiliu/*) are bundled in:
// they ship TypeScript source, which tests and the editor's Vite read directly. Everything from npm stays external
// and is loaded from node_modules as it is.
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    // Beside the bundle at the path src/paths.ts gives it, in place of src/'s tsx shim.
    'expressions/expression-worker': 'src/expressions/expression-worker.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outDir: 'dist',
  outExtensions: () => ({ js: '.mjs' }),
  clean: true,
  dts: false,
  sourcemap: true,
  deps: { neverBundle: [/^(?!@zhiliu\/)[^./]/], alwaysBundle: [/^@zhiliu\//] },
})
