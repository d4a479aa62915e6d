import { useCallback, useSyncExternalStore } from 'react'

/** A phone: too narrow for the palette beside a canvas, or for a canvas's text at a size one can read. */
export const PHONE_SCREEN = '(max-width: 640px)'

/** Whether the window matches a CSS media query, kept current as the window (or the projector it moved to) changes. */
export function useMediaQuery(query: string): boolean {
  // One subscription per query: a new function on every render would make React unsubscribe and subscribe again.
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    [query],
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches)
}
