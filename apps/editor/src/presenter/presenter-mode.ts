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

/** F5 switches presenter view on and off (instead of reloading), Esc leaves it. */
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
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
