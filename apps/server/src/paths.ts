import { fileURLToPath } from 'node:url'

// The files the server reads beside its code. This module sits at the top of src/, at the same depth as the built
// bundle in dist/, so each path below holds for `npm start` (built JavaScript) and for tests and tsx (source) alike.

/** Where `vite build` in apps/editor puts the editor. */
export const EDITOR_DIST = fileURLToPath(new URL('../../editor/dist/', import.meta.url))

/** The example flows seeded into a fresh install. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url))

/**
 * The expression worker's entry: in src/ a shim that registers tsx before loading the TypeScript worker, in dist/
 * the worker compiled by the build (tsdown.config.ts names it so).
 */
export const EXPRESSION_WORKER_URL = new URL('./expressions/expression-worker.mjs', import.meta.url)

/** Sample documents that templates answer from (templates/knowledge/<sample>/*.md), imported into a knowledge base. */
export const SAMPLE_KNOWLEDGE_DIR = fileURLToPath(new URL('../../../templates/knowledge/', import.meta.url))
