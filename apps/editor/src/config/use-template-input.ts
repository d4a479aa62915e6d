import { useCallback, useRef, useState } from 'react'

type TextControl = HTMLInputElement | HTMLTextAreaElement

/**
 * Inserting `{{ path }}` where the caret is. Typing `{{` opens the picker, and the pick replaces those two
 * braces, so people who know the syntax and people who do not end up with the same text.
 */
export function useTemplateInput(text: string, onChange: (text: string) => void) {
  const ref = useRef<TextControl>(null)
  const [open, setOpen] = useState(false)
  const typedBraces = useRef(false)

  const onInput = useCallback(
    (next: string, caret: number | null) => {
      onChange(next)
      if (
        caret !== null &&
        caret >= 2 &&
        next.slice(caret - 2, caret) === '{{' &&
        next.length > text.length
      ) {
        typedBraces.current = true
        setOpen(true)
      }
    },
    [onChange, text],
  )

  const pick = useCallback(
    (path: string) => {
      const el = ref.current
      const end = el?.selectionEnd ?? text.length
      let start = el?.selectionStart ?? text.length
      if (typedBraces.current && text.slice(start - 2, start) === '{{') start -= 2
      const insert = `{{ ${path} }}`
      const next = text.slice(0, start) + insert + text.slice(end)
      typedBraces.current = false
      setOpen(false)
      onChange(next)
      requestAnimationFrame(() => {
        el?.focus()
        el?.setSelectionRange(start + insert.length, start + insert.length)
      })
    },
    [onChange, text],
  )

  const openPicker = useCallback(() => {
    typedBraces.current = false
    setOpen(true)
  }, [])
  const close = useCallback(() => {
    typedBraces.current = false
    setOpen(false)
    ref.current?.focus()
  }, [])

  return { ref, open, openPicker, close, pick, onInput }
}
