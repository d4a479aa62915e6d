export { formatProblem, formatPath } from './format-problems.ts'
