/** Runs `task` repeatedly after a warm-up and returns timing statistics in microseconds. */
export async function measure(
  task: () => Promise<unknown>,
  options: { warmup: number; iterations: number },
): Promise<{ medianUs: number; p99Us: number; iterations: number }> {
  for (let i = 0; i < options.warmup; i++) await task()
  const samples: number[] = []
  for (let i = 0; i < options.iterations; i++) {
    const start = process.hrtime.bigint()
    await task()
    samples.push(Number(process.hrtime.bigint() - start) / 1000)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN
  return { medianUs: at(0.5), p99Us: at(0.99), iterations: samples.length }
}
