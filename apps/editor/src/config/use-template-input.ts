import { type KeyboardEvent, useCallback, useId, useMemo, useRef, useState } from 'react'
import { useEditor } from '../editor/editor-store.ts'
import { toDocument } from '../editor/flow-mapping.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useRun } from '../run/run-store.ts'
import { filterVariables, type VariableGroup, variablesFor } from './variables.ts'

type TextControl = HTMLInputElement | HTMLTextAreaElement

/** Where the `{{` being completed starts; `added` when the insert button put it there rather than the user. */
interface Completion {
  anchor: number
  added: boolean
  groups: VariableGroup[]
}

/** What the user typed after `{{` up to the caret, or undefined when the caret has left that reference. */
function queryAt(text: string, anchor: number, caret: number): string | undefined {
  if (text.slice(anchor, anchor + 2) !== '{{' || caret < anchor + 2) return undefined
  const typed = text.slice(anchor + 2, caret)
  return /[}\n]/.test(typed) ? undefined : typed.trim()
}

/**
 * Completing `{{ path }}` while the user keeps typing in the field: typing `{{` opens a list under the field that
 * filters by what follows, arrows move through it, Enter or a click inserts, Escape closes and leaves the text as
 * typed. Focus never leaves the field, so no keystroke is lost to a search box.
 */
export function useTemplateInput(nodeId: string, text: string, onChange: (text: string) => void) {
  const locale = useLocale()
  const ref = useRef<TextControl>(null)
  const listId = useId()
  const [completion, setCompletion] = useState<Completion>()
  const [caret, setCaret] = useState(0)
  const [active, setActive] = useState(0)

  const query = completion ? queryAt(text, completion.anchor, caret) : undefined
  const open = completion !== undefined && query !== undefined
  const shown = useMemo(
    () => (completion && query !== undefined ? filterVariables(completion.groups, query) : []),
    [completion, query],
  )
  const options = shown.flatMap((g) => g.variables)
  const activeIndex = Math.min(active, Math.max(0, options.length - 1))

  const start = useCallback(
    (anchor: number, added: boolean) => {
      const { meta, nodes, edges } = useEditor.getState()
      const groups = variablesFor(toDocument(meta, nodes, edges), nodeId, useRun.getState(), locale)
      setCompletion({ anchor, added, groups })
      setActive(0)
    },
    [locale, nodeId],
  )
  const close = useCallback(() => setCompletion(undefined), [])

  const onInput = useCallback(
    (next: string, at: number | null) => {
      onChange(next)
      const pos = at ?? next.length
      setCaret(pos)
      if (pos >= 2 && next.slice(pos - 2, pos) === '{{' && next.length > text.length) start(pos - 2, false)
      else setActive(0)
    },
    [onChange, start, text],
  )

  const pick = useCallback(
    (path: string) => {
      if (!completion) return
      const el = ref.current
      const insert = `{{ ${path} }}`
      const end = Math.max(caret, completion.anchor + 2)
      const next = text.slice(0, completion.anchor) + insert + text.slice(end)
      const after = completion.anchor + insert.length
      setCompletion(undefined)
      onChange(next)
      setCaret(after)
      requestAnimationFrame(() => {
        el?.focus()
        el?.setSelectionRange(after, after)
      })
    },
    [caret, completion, onChange, text],
  )

  /** The insert button: put `{{` at the caret and complete it like typed braces. */
  const openPicker = useCallback(() => {
    const el = ref.current
    const at = el?.selectionStart ?? text.length
    const end = el?.selectionEnd ?? at
    onChange(`${text.slice(0, at)}{{${text.slice(end)}`)
    setCaret(at + 2)
    start(at, true)
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(at + 2, at + 2)
    })
  }, [onChange, start, text])

  const dismiss = useCallback(() => {
    // Braces the button added (and nothing typed after them) go away again; typed text always stays.
    if (completion?.added && text.slice(completion.anchor, caret) === '{{') {
      onChange(text.slice(0, completion.anchor) + text.slice(caret))
    }
    close()
  }, [caret, close, completion, onChange, text])

  const onKeyDown = useCallback(
    (e: KeyboardEvent<TextControl>) => {
      if (!open) return
      const handled = () => {
        e.preventDefault()
        e.stopPropagation()
      }
      if (e.key === 'ArrowDown' && options.length) {
        handled()
        setActive((activeIndex + 1) % options.length)
      } else if (e.key === 'ArrowUp' && options.length) {
        handled()
        setActive((activeIndex - 1 + options.length) % options.length)
      } else if (e.key === 'Enter' && options[activeIndex]) {
        handled()
        pick(options[activeIndex].path)
      } else if (e.key === 'Escape') {
        handled()
        dismiss()
      }
    },
    [activeIndex, dismiss, open, options, pick],
  )

  const optionId = (i: number) => `${listId}-option-${i}`
  const fieldProps = {
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open && options.length ? optionId(activeIndex) : undefined,
    onKeyDown,
    onSelect: (e: { currentTarget: TextControl }) => setCaret(e.currentTarget.selectionStart ?? 0),
    onBlur: close,
  }

  return {
    ref,
    open,
    openPicker,
    pick,
    onInput,
    fieldProps,
    list: {
      id: listId,
      groups: shown,
      hasAny: (completion?.groups.length ?? 0) > 0,
      active: activeIndex,
      optionId,
    },
  }
}
