import { type DestinationStream, type Logger, pino } from 'pino'
import type { ServerConfig } from './config.ts'

/**
 * JSON lines on stdout. pino's path redaction is a second net under the Redactor the code applies to what it logs:
 * whatever slips through with a credential-shaped key is still censored.
 */
export function createLogger(
  config: Pick<ServerConfig, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'zhiliu-server' },
    redact: {
      paths: [
        '*.authorization',
        '*.cookie',
        '*.password',
        '*.secret',
        '*.token',
        '*.apiKey',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[REDACTED]',
    },
  }
  return destination ? pino(options, destination) : pino(options)
}
