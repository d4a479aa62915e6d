import { z } from 'zod'

// The editor runs under `script-src 'self'` (no 'unsafe-eval'). Zod would otherwise probe `new Function` on its
// first parse to compile fast paths, which the policy refuses and reports as a violation; the interpreted path is
// the same validation. Imported first in main.tsx, before any module parses anything.
z.config({ jitless: true })
