// /chat-widget.js, for other sites: <script src="https://zhiliu.example/chat-widget.js" data-app="reader-qa"></script>
// It adds a launcher button inside a shadow root (the host page's CSS cannot reach it, nor it the page's) and
// opens the chat page in an iframe: the chat itself runs on this server's origin, apart from the host page.
export const WIDGET_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var slug = script.getAttribute('data-app');
  if (!slug) return;
  var origin = new URL(script.src, location.href).origin;
  var lang = script.getAttribute('data-lang') || '';
  var label = script.getAttribute('data-label') || (/^en/i.test(lang || navigator.language) ? 'Ask us' : '在线问答');
  var host = document.createElement('div');
  host.setAttribute('data-zhiliu-chat', slug);
  var root = host.attachShadow({ mode: 'open' });
  var style = document.createElement('style');
  style.textContent = ':host{all:initial}' +
    '.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483646;border:0;border-radius:24px;padding:12px 18px;' +
    'background:#1664ff;color:#fff;font:15px/1 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.2);cursor:pointer}' +
    '.panel{position:fixed;right:16px;bottom:72px;z-index:2147483647;width:380px;height:600px;max-width:calc(100vw - 32px);' +
    'max-height:calc(100vh - 96px);border:0;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff}' +
    '@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100%;max-width:none;max-height:none;border-radius:0}}' +
    '.panel[hidden]{display:none}';
  var button = document.createElement('button');
  button.className = 'launcher';
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  var frame = null;
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.className = 'panel';
      frame.title = label;
      frame.src = origin + '/chat/' + encodeURIComponent(slug) + (lang ? '?lang=' + encodeURIComponent(lang) : '');
      root.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  root.appendChild(style);
  root.appendChild(button);
  (document.body || document.documentElement).appendChild(host);
})();
`
