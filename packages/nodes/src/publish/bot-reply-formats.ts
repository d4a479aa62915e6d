/**
 * How each IM bot's reply reads, and which non-zero codes in an IM bot's HTTP 200 reply mean "try again", and a hint for the common ones that do not.
 * Anything not listed as retryable fails the step for good: retrying a wrong key, a bad signature or a malformed
 * message only repeats the error, and an unknown code might be a message that did arrive.
 *
 * Sources (checked for this table): WeCom group-bot doc 91770 and WeCom's global error codes; DingTalk's custom
 * robot doc, its error-code table and replies observed from the real endpoint (an unknown token answers 300005);
 * Feishu's custom bot guide and its OpenAPI rate-limit page. Rate limits: WeCom 20 messages a minute per bot,
 * DingTalk 20 a minute (exceeding it mutes the bot for about 10 minutes), Feishu 100 a minute and 5 a second.
 */
export type RetryKind = 'throttled' | 'busy'

export interface BotReplyFormat {
  /** Shown in messages: `WeCom`, `DingTalk`, `Feishu`. */
  name: string
  /** The reply's error code fields, first found wins (`errcode`; Feishu `code`, or `StatusCode` in old replies). */
  codeFields: readonly string[]
  messageFields: readonly string[]
  retry: ReadonlyMap<number, RetryKind>
  hints: ReadonlyMap<number, string>
}

export const wecomReply: BotReplyFormat = {
  name: 'WeCom',
  codeFields: ['errcode'],
  messageFields: ['errmsg'],
  retry: new Map<number, RetryKind>([
    [-1, 'busy'], // 系统繁忙
    [45009, 'throttled'], // api freq out of limit
    [45033, 'throttled'], // 接口并发调用超过限制
  ]),
  hints: new Map([
    [93000, 'the key in the bot address is wrong, or the bot was removed from the group'],
    [40008, 'WeCom does not know this message type'],
    [40058, 'a required field is missing or too long'],
    [44004, 'the message is empty'],
  ]),
}

export const dingtalkReply: BotReplyFormat = {
  name: 'DingTalk',
  codeFields: ['errcode'],
  messageFields: ['errmsg'],
  retry: new Map<number, RetryKind>([
    [-1, 'busy'], // 系统繁忙
    [130101, 'throttled'], // send too fast, exceed 20 times per minute
    [410100, 'throttled'], // 发送速度太快而限流
  ]),
  hints: new Map([
    [
      310000,
      "the bot's security setting refused it: a wrong signing secret (or server clock), a missing custom " +
        'keyword, or an address outside the IP whitelist',
    ],
    [300001, 'the access_token in the bot address does not exist'],
    [300005, 'the access_token in the bot address does not exist'],
    [400101, 'the access_token in the bot address does not exist'],
    [400102, 'the bot has been switched off'],
    [400013, 'the group has been dissolved'],
    [400105, 'DingTalk does not support this message type'],
    [40035, 'a required parameter is missing'],
  ]),
}

export const feishuReply: BotReplyFormat = {
  name: 'Feishu',
  codeFields: ['code', 'StatusCode'],
  messageFields: ['msg', 'StatusMessage'],
  retry: new Map<number, RetryKind>([
    [11232, 'throttled'], // frequency limited
    [99991400, 'throttled'], // the OpenAPI gateway's rate limit
  ]),
  hints: new Map([
    [19001, 'the token in the bot address is invalid'],
    [19021, 'the signature does not match: check the signing secret and the server clock'],
    [19022, 'this server is not in the bot IP whitelist'],
    [19024, "the message contains none of the bot's custom keywords"],
    [19002, 'the message is missing a required field'],
    [9499, 'the message is malformed or larger than 20 KB'],
  ]),
}

/** How long a rate-limited bot should be left alone: WeCom and DingTalk count per minute. */
export const THROTTLED_RETRY_AFTER_MS = 30_000
