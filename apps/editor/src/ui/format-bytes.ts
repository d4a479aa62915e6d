const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** A size as people read it: 1,000-based units (what disks are sold in), three significant figures. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? value : value.toPrecision(3)} ${UNITS[unit]}`
}
