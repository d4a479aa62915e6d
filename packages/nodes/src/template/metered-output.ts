import { CaptureTag, type Context, type Emitter, toValue } from 'liquidjs'

/** Liquid prints objects as "[object Object]"; JSON is what a prompt or a request body needs. `| raw` opts out. */
export function outputText(value: unknown): string {
  const v: unknown = toValue(value)
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return ''
  const proto: unknown = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined
  if (Array.isArray(v) || proto === Object.prototype || proto === null) return JSON.stringify(v) ?? ''
  return String(v)
}

/** Liquid's own text conversion, for what reaches the output without `outputText` (`| raw`, tags that write). */
function liquidText(value: unknown): string {
  const v: unknown = toValue(value)
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(liquidText).join('')
  return String(v)
}

/** Charges all output to the memory budget: Liquid does not count plain text or `{{ x }}` writes. */
export class MeteredEmitter implements Emitter {
  buffer = ''
  constructor(private readonly ctx: Context) {}
  write(html: unknown): void {
    const text = liquidText(html)
    this.ctx.memoryLimit.use(text.length)
    this.buffer += text
  }
}

/** `{% capture %}` that charges what it captured; otherwise doubling a captured string is free until it overflows. */
export class MeteredCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx)
    const captured: unknown = (ctx.bottom() as Record<string, unknown>)[this.variable]
    if (typeof captured === 'string') ctx.memoryLimit.use(captured.length)
  }
}
