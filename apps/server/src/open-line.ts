/**
 * The one line a person starting the server reads among the JSON logs: where to open the editor and how to stop.
 * It goes to stderr, so stdout stays one JSON object per line for whatever collects the logs.
 */
export function openLine(url: string): string {
  return `智流已启动：在浏览器打开 ${url} ，按 Ctrl+C 停止。\nZhiliu is running: open ${url} in a browser; Ctrl+C stops it.\n`
}
