/**
 * `attachment` with both filename forms (RFC 6266): an ASCII fallback for old clients and the UTF-8 name, so a
 * flow called 新闻摘要 downloads as `新闻摘要.json`. Quotes, slashes and control characters never reach the header:
 * the fallback keeps a safe alphabet only and the UTF-8 form is percent-encoded (CR LF become %0D%0A).
 */
export function attachment(name: string, extension: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/^[_ .]+|[_ .]+$/g, '') || 'flow'
  const full = `${name.replace(/[/\\]+/g, '_')}.${extension}`
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`
}
