import { defineConfig } from 'rolldown'

// `npm start` runs this build, so startup compiles no TypeScript. The workspace packages (@zhiliu/*, which ship
// TypeScript source) and the npm packages they use are bundled into a few ES modules: Node then resolves, reads and
// compiles a few files instead of ~650 (docs/performance.md, "Start-up and idle memory"). A module the server loads
// on first use (`await import()`) becomes a chunk of its own and stays off the start-up path.
//
// Left in node_modules and loaded from there as they are:
const external = [
  /^node:/,
  // native addons, which find their .node file from their own folder
  'better-sqlite3',
  /^@node-rs\/jieba($|\/)/,
  // sqlite-vec's loadable library, which it resolves from its own package
  'sqlite-vec',
  // only on optional paths (DATABASE_URL, REDIS_URL, a .pdf/.docx document, the first e-mail), and BullMQ reads
  // its Lua scripts from its own folder
  /^pg($|\/)/,
  'ioredis',
  'bullmq',
  'unpdf',
  'mammoth',
  'nodemailer',
]

export default defineConfig({
  input: {
    main: 'src/main.ts',
    // Beside the bundle at the path src/paths.ts gives it, in place of src/'s tsx shim.
    'expressions/expression-worker': 'src/expressions/expression-worker.ts',
  },
  platform: 'node',
  external,
  transform: { target: 'node20.19' },
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: '[name]-[hash].mjs',
    sourcemap: true,
    cleanDir: true,
    // One non-ASCII character makes Node decode a whole file through the slow UTF-8 path and hand V8 a two-byte
    // source string, twice the memory for as long as the module lives: escaped, and comments (JSDoc and licence
    // texts, which only people read, in the sources) left out. main.mjs keeps the Chinese of chat-page-script.ts,
    // a String.raw template that the bundler may not escape.
    charset: 'ascii',
    comments: false,
  },
})
