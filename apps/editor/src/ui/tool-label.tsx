import type { ButtonHTMLAttributes } from 'react'

/**
 * A toolbar button's content: an icon and its label. Below a screen width (canvas.css, `.tool--fold-*`) the label
 * folds away and the icon stays, so the editor's toolbar keeps to one row on a 1024-pixel projector; the button's
 * `aria-label` and `title` keep its name for screen readers and as a tooltip.
 */
export function ToolLabel({ icon, label }: { icon: ToolIcon; label: string }) {
  return (
    <>
      <svg className="tool__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={paths[icon]} />
      </svg>
      <span className="tool__label">{label}</span>
    </>
  )
}

/** Which labels fold first: `wide` below 1440 pixels (actions used now and then), `narrow` below 1200. */
export type Fold = 'wide' | 'narrow'

/** A toolbar button whose label folds away on a narrow screen (see ToolLabel); `title` defaults to the label. */
export function ToolButton({
  icon,
  label,
  fold,
  title,
  ...button
}: { icon: ToolIcon; label: string; fold: Fold } & Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'className' | 'type' | 'children'
>) {
  return (
    <button
      type="button"
      className={`btn tool--fold-${fold}`}
      title={title ?? label}
      aria-label={label}
      {...button}
    >
      <ToolLabel icon={icon} label={label} />
    </button>
  )
}

// Line drawings on a 24-pixel grid, stroked in the text colour.
const paths = {
  back: 'M19 12H5M11 6l-6 6 6 6',
  present: 'M3 4h18v12H3zM12 16v4M8 20h8',
  layout: 'M3 9h6v6H3zM15 3h6v6h-6zM15 15h6v6h-6zM9 12h3M12 6v12M12 6h3M12 18h3',
  export: 'M12 3v12M7 10l5 5 5-5M5 20h14',
  webhook: 'M9 15l6-6M11 6l1.5-1.5a4 4 0 0 1 5.7 5.7L16.5 12M13 18l-1.5 1.5a4 4 0 0 1-5.7-5.7L7.5 12',
  chat: 'M4 4h16v12H9l-5 4z',
  share:
    'M6 12a2.5 2.5 0 1 0 0 .01M18 5a2.5 2.5 0 1 0 0 .01M18 19a2.5 2.5 0 1 0 0 .01M8.2 10.8l7.6-4.6M8.2 13.2l7.6 4.6',
} as const
type ToolIcon = keyof typeof paths
