import { useEffect } from 'react'
import { create } from 'zustand'

/** Presenter view (演示模式): the editor as a projector shows it. On with `?present=1` in the address. */
export const usePresenter = create<{ on: boolean }>()(() => ({ on: askedInAddress() }))

function askedInAddress(): boolean {
  const query = (q: string) => new URLSearchParams(q).get('present') === '1'
  const hashQuery = window.location.hash.split('?')[1] ?? ''
  return query(window.location.search) || query(hashQuery)
}

export const setPresenter = (on: boolean) => usePresenter.setState({ on })

/** F5 switches presenter view on and off (instead of reloading), Esc leaves it, `?present=1` turns it on. */
export function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault()
        setPresenter(!usePresenter.getState().on)
      } else if (e.key === 'Escape' && usePresenter.getState().on) {
        setPresenter(false)
      }
    }
    // A link followed inside the app (`#/flows/<id>?present=1`) changes only the hash, and usually before this
    // editor mounts (from the flow list): so the address is read on mounting too, not only on a later change.
    const onHash = () => {
      if (askedInAddress()) setPresenter(true)
    }
    onHash()
    window.addEventListener('keydown', onKey)
    window.addEventListener('hashchange', onHash)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('hashchange', onHash)
    }
  }, [])
}
