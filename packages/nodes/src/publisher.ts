/**
 * The publish nodes' way out. Every request carries the node's `idempotencyKey` as `key`: a key seen before changes
 * nothing and answers what the first request did, with `duplicate: true`, so a retried or resumed run never posts
 * twice. The server implements it; the engine's default refuses.
 */
export interface Publisher {
  /** Adds an item to a hosted RSS/Atom feed, creating the feed on first use. */
  addFeedItem(item: FeedItemRequest): Promise<FeedItemReceipt>
  /** Creates or updates the hosted page at `slug`: a new key republishes it in place, at the same address. */
  putPage(page: PageRequest): Promise<PageReceipt>
  /** Writes a file under the server's files folder, through a temp file and a rename. */
  writeFile(file: FileRequest): Promise<FileReceipt>
  /** Sends over SMTP with a Message-ID derived from the key. */
  sendMail(mail: MailRequest, signal: AbortSignal): Promise<MailReceipt>
  /** Keeps the message for the built-in demo receiver (演示接收端) instead of sending it anywhere. */
  sendDemo(message: DemoRequest): Promise<DemoReceipt>
}

/** A message for the demo receiver: what the group chat or mailbox would show, as text or Markdown. */
export interface DemoRequest {
  key: string
  runId: string
  channel: 'wecom' | 'dingtalk' | 'feishu' | 'email'
  /** An e-mail's subject, a card's title; empty for a plain chat message. */
  title: string
  body: string
  format: 'text' | 'markdown'
}

export interface DemoReceipt {
  id: string
  duplicate: boolean
}

export interface FeedItemRequest {
  key: string
  /** The feed's name in its address, `/feeds/<feed>.xml`. */
  feed: string
  /** Shown as the feed's title; empty keeps the one it has. */
  feedTitle: string
  title: string
  link: string
  /** Plain text; the content's start when empty. */
  summary: string
  /** Markdown, sanitised when rendered. */
  content: string
  author: string
  /** Empty: the server assigns a permanent one. */
  guid: string
}

export interface FeedItemReceipt {
  feed: string
  /** The RSS 2.0 address; `atomUrl` is the Atom one. */
  feedUrl: string
  atomUrl: string
  guid: string
  /** ISO time. */
  publishedAt: string
  duplicate: boolean
}

export interface PageRequest {
  key: string
  /** Already a slug: lowercase letters (any script), digits and single hyphens. */
  slug: string
  title: string
  /** Markdown, sanitised when rendered. */
  body: string
}

export interface PageReceipt {
  slug: string
  url: string
  /** ISO time of the content now at `url`. */
  updatedAt: string
  duplicate: boolean
}

export interface FileRequest {
  key: string
  /** Relative, `/`-separated; empty for the files folder itself. */
  folder: string
  filename: string
  content: string
  /** Set for HTML files: `content` is Markdown the server renders into a sanitised page with this title. */
  html?: { title: string }
}

export interface FileReceipt {
  /** Relative to the files folder, `/`-separated. */
  path: string
  bytes: number
  duplicate: boolean
}

/** A credential of type `smtp`, parsed. */
export interface SmtpSettings {
  host: string
  port: number
  /** `tls` from the first byte (465), `starttls` required (587), `none` only for a trusted relay. */
  secure: 'tls' | 'starttls' | 'none'
  user: string
  password: string
  /** The sender, `news@example.com` or `名称 <news@example.com>`. */
  from: string
}

export interface MailRequest {
  key: string
  smtp: SmtpSettings
  to: string[]
  cc: string[]
  subject: string
  /** At least one of the two bodies is non-empty. */
  html: string
  text: string
}

export interface MailReceipt {
  messageId: string
  /** The recipients the server took the message for. */
  accepted: string[]
  rejected: string[]
  duplicate: boolean
}
