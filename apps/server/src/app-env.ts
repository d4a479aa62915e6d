import type { Access, User } from '@zhiliu/db'

/** Hono's per-request variables, set by the auth middleware. Routes read `c.get('access')` for every store call. */
export interface AppEnv {
  Variables: {
    user: User
    access: Access
    /** Set by the routes that answer the server's own pages; see `contentPolicy`. */
    /** `framable`: one of them that other sites may frame (the chat page, for the widget). */
    ownDocument: boolean | 'framable'
  }
}
