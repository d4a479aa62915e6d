import type { NodeLogger } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import type { Redactor } from '../security/redact.ts'

/**
 * Nodes log `(message, data)`; pino takes `(data, message)`. Data is redacted: a node may log what it fetched.
 * `logger` is called on the first line actually written: most runs log nothing, and a pino child per run is not free.
 */
export function createNodeLogger(logger: () => Logger, redactor: Redactor): NodeLogger {
  let made: Logger | undefined
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => {
      made ??= logger()
      if (!made.isLevelEnabled(level)) return
      made[level](data === undefined ? {} : (redactor.redact(data) as Record<string, unknown>), message)
    }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}
