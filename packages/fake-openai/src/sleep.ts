/** Unref'd, so a scripted delay never keeps a test process alive after the server closed. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
