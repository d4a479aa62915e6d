import type { Store } from '@zhiliu/db'

/** What every publish write needs: the store, whose run it is, where hosted things are read, and the clock. */
export interface PublishTarget {
  store: Store
  ownerId: string
  /** ZHILIU_PUBLIC_URL, or '' for addresses that start at the path. */
  base: string
  now: () => number
}
