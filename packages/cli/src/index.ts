export { formatTable } from './format-table.ts'
