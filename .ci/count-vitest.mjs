// Prints "<passed> <failed>" from vitest's JSON report; a missing report counts as one failure.
import { readFileSync } from 'node:fs'

try {
  const report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
  const failedSuites = report.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  )
  console.log(`${report.numPassedTests} ${report.numFailedTests + failedSuites.length}`)
} catch {
  console.log('0 1')
}
