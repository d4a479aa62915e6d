export { formatPath, formatProblem } from './format-problems.ts'
