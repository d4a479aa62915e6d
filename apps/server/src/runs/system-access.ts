import type { Access } from '@zhiliu/db'

/**
 * The server acting for itself (the queue worker, webhooks, schedules, recovery): it must read any user's runs and
 * flows. Never derived from a request; user-facing routes always pass the caller's own access.
 */
export const SYSTEM_ACCESS: Access = Object.freeze({ userId: 'system', all: true })
