// The chat page's style, served as /chat-assets/chat.css: one column that fits a phone (390 px) and grows to a
// readable width on a desktop; system fonts, which include Chinese ones on every platform.
export const CHAT_STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:16px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
  color:#1f2329;background:#f5f6f7;-webkit-text-size-adjust:100%}
#app{display:flex;flex-direction:column;height:100%;max-width:760px;margin:0 auto;background:#fff}
.bar{display:flex;align-items:center;gap:8px;padding:10px 14px;border-bottom:1px solid #e5e6eb}
.title{flex:1;margin:0;font-size:17px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.new-chat{border:1px solid #d0d3d6;background:#fff;border-radius:16px;padding:4px 12px;font-size:14px;color:#1f2329}
.log{flex:1;overflow-y:auto;-webkit-overflow-scrolling:touch;padding:14px}
.msg{display:flex;flex-direction:column;margin:0 0 12px;max-width:88%}
.msg .text{padding:9px 13px;border-radius:14px;white-space:pre-wrap;word-break:break-word}
.msg.user{margin-left:auto;align-items:flex-end}
.msg.user .text{background:#1664ff;color:#fff;border-bottom-right-radius:4px}
.msg.bot .text{background:#f2f3f5;border-bottom-left-radius:4px}
.msg.pending .text{color:#86909c}
.msg.failed .text{background:#fff1f0;color:#c9352b}
.cite{border:0;background:#e8f0ff;color:#1664ff;border-radius:4px;padding:0 3px;margin:0 1px;font:inherit;font-size:13px;cursor:pointer}
.sources{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;font-size:13px;color:#86909c;align-items:center}
.source{border:1px solid #d0d3d6;background:#fff;border-radius:12px;padding:2px 9px;font-size:13px;color:#1f2329;cursor:pointer}
.thumbs{display:flex;gap:6px;margin-top:4px}
.thumb{border:1px solid transparent;background:none;border-radius:12px;padding:0 6px;font-size:15px;cursor:pointer;opacity:.6}
.thumb[aria-pressed=true]{opacity:1;border-color:#1664ff}
.suggestions{display:flex;flex-wrap:wrap;gap:8px;padding:0 14px 8px}
.suggestion{border:1px solid #bcd2ff;background:#f0f5ff;color:#1664ff;border-radius:16px;padding:6px 12px;font-size:14px;text-align:left;cursor:pointer}
.ask{display:flex;flex-wrap:wrap;gap:8px;padding:10px 14px calc(10px + env(safe-area-inset-bottom));border-top:1px solid #e5e6eb}
.code{flex-basis:100%;padding:9px 12px;border:1px solid #d0d3d6;border-radius:10px;font-size:16px}
.input{flex:1;resize:none;padding:9px 12px;border:1px solid #d0d3d6;border-radius:10px;font:inherit;max-height:120px}
.send{border:0;background:#1664ff;color:#fff;border-radius:10px;padding:0 18px;font-size:16px}
.send:disabled{opacity:.5}
.sheet{position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow-y:auto;background:#fff;border-top:1px solid #d0d3d6;
  box-shadow:0 -4px 16px rgba(0,0,0,.12);padding:14px 16px calc(14px + env(safe-area-inset-bottom));border-radius:14px 14px 0 0}
.sheet[hidden]{display:none}
.sheet-head{display:flex;justify-content:space-between;align-items:center;gap:8px;margin-bottom:8px}
.sheet-close{border:0;background:#f2f3f5;border-radius:12px;padding:3px 12px;font-size:14px}
.passage{white-space:pre-wrap;word-break:break-word;color:#4e5969}
[hidden]{display:none!important}
`
