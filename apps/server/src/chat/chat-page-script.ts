// The chat page's script, served as /chat-assets/chat.js (script-src 'self': the page has no inline script). Plain
// ES2017 for WeChat's built-in browser and old phones. Everything a flow produced is put in the page as text
// (textContent), never as HTML; [n] in an answer becomes a button that opens the cited passage.
export const CHAT_SCRIPT = String.raw`(function () {
  'use strict';
  var TEXTS = {
    'zh-CN': {
      placeholder: '输入你的问题…', send: '发送', thinking: '正在思考…', failed: '出错了，请稍后再试。',
      tooMany: '提问太频繁了，请稍等一会儿再问。', code: '请输入访问码', codeWrong: '访问码不对，请重新输入。',
      sources: '来源', close: '关闭', up: '有帮助', down: '没帮助', thanks: '感谢反馈', notFound: '这个对话应用不存在或尚未发布。',
      newChat: '新对话'
    },
    en: {
      placeholder: 'Ask a question…', send: 'Send', thinking: 'Thinking…', failed: 'Something went wrong; please try again later.',
      tooMany: 'Too many questions at once; please wait a moment.', code: 'Enter the access code', codeWrong: 'Wrong access code; please try again.',
      sources: 'Sources', close: 'Close', up: 'Helpful', down: 'Not helpful', thanks: 'Thanks for the feedback', notFound: 'This chat app does not exist or is not published.',
      newChat: 'New chat'
    }
  };
  var query = new URLSearchParams(location.search);
  var lang = query.get('lang') || (navigator.language || 'zh-CN');
  var T = /^en/i.test(lang) ? TEXTS.en : TEXTS['zh-CN'];
  document.documentElement.lang = T === TEXTS.en ? 'en' : 'zh-CN';
  var slug = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  var api = '/api/chat/' + encodeURIComponent(slug);
  var storeKey = 'zhiliu-chat:' + slug;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function remember(name, value) {
    try { if (value === null) sessionStorage.removeItem(storeKey + name); else sessionStorage.setItem(storeKey + name, value); } catch (e) {}
  }
  function recall(name) {
    try { return sessionStorage.getItem(storeKey + name); } catch (e) { return null; }
  }

  var app = document.getElementById('app');
  var header = el('header', 'bar');
  var title = el('h1', 'title', '');
  var newChat = el('button', 'new-chat', T.newChat);
  newChat.type = 'button';
  header.appendChild(title);
  header.appendChild(newChat);
  var log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var suggestions = el('div', 'suggestions');
  var form = el('form', 'ask');
  var codeInput = el('input', 'code');
  codeInput.type = 'password';
  codeInput.placeholder = T.code;
  codeInput.setAttribute('aria-label', T.code);
  codeInput.hidden = true;
  var input = el('textarea', 'input');
  input.rows = 1;
  input.placeholder = T.placeholder;
  input.setAttribute('aria-label', T.placeholder);
  input.maxLength = 4000;
  var send = el('button', 'send', T.send);
  send.type = 'submit';
  form.appendChild(codeInput);
  form.appendChild(input);
  form.appendChild(send);
  var sheet = el('div', 'sheet');
  sheet.hidden = true;
  sheet.setAttribute('role', 'dialog');
  app.appendChild(header);
  app.appendChild(log);
  app.appendChild(suggestions);
  app.appendChild(form);
  app.appendChild(sheet);

  var settings = { opening: '', suggestions: [] };
  var conversationId = recall('conversation');
  var busy = false;

  function scrollDown() { log.scrollTop = log.scrollHeight; }
  function bubble(role, text) {
    var item = el('div', 'msg ' + role);
    var body = el('div', 'text', text);
    item.appendChild(body);
    log.appendChild(item);
    scrollDown();
    return item;
  }
  function openCitation(n, citation) {
    sheet.textContent = '';
    var head = el('div', 'sheet-head');
    head.appendChild(el('strong', '', '[' + n + '] ' + (citation.document || '')));
    var close = el('button', 'sheet-close', T.close);
    close.type = 'button';
    close.onclick = function () { sheet.hidden = true; };
    head.appendChild(close);
    sheet.appendChild(head);
    sheet.appendChild(el('div', 'passage', citation.text));
    sheet.hidden = false;
  }
  /** The answer as text, each [n] that names a passage made a button opening it. */
  function renderAnswer(body, text, citations) {
    body.textContent = '';
    var parts = text.split(/(\[\d{1,2}\])/);
    for (var i = 0; i < parts.length; i++) {
      var m = /^\[(\d{1,2})\]$/.exec(parts[i]);
      var citation = m && citations[Number(m[1]) - 1];
      if (citation) {
        var button = el('button', 'cite', parts[i]);
        button.type = 'button';
        button.onclick = (function (n, c) { return function () { openCitation(n, c); }; })(Number(m[1]), citation);
        body.appendChild(button);
      } else if (parts[i]) {
        body.appendChild(document.createTextNode(parts[i]));
      }
    }
  }
  /** The passages the answer cites ([n]), or all of them when it cites none by number. */
  function addSources(item, citations, text) {
    if (!citations.length) return;
    var cited = {};
    var any = false;
    text.replace(/\[(\d{1,2})\]/g, function (_, n) { if (citations[n - 1]) { cited[n - 1] = true; any = true; } return _; });
    var list = el('div', 'sources');
    list.appendChild(el('span', 'sources-label', T.sources + ':'));
    citations.forEach(function (c, i) {
      if (any && !cited[i]) return;
      var b = el('button', 'source', '[' + (i + 1) + '] ' + (c.document || ''));
      b.type = 'button';
      b.onclick = function () { openCitation(i + 1, c); };
      list.appendChild(b);
    });
    item.appendChild(list);
  }
  function addThumbs(item, turnId) {
    var row = el('div', 'thumbs');
    ['up', 'down'].forEach(function (rating) {
      var b = el('button', 'thumb thumb-' + rating, rating === 'up' ? '\uD83D\uDC4D' : '\uD83D\uDC4E');
      b.type = 'button';
      b.title = T[rating];
      b.setAttribute('aria-label', T[rating]);
      b.onclick = function () {
        fetch(api + '/feedback', {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ conversationId: conversationId, turnId: turnId, rating: rating })
        }).then(function (res) {
          if (!res.ok) return;
          row.querySelectorAll('.thumb').forEach(function (t) { t.setAttribute('aria-pressed', String(t === b)); });
          row.setAttribute('data-rated', rating);
        });
      };
      row.appendChild(b);
    });
    item.appendChild(row);
  }
  function showSuggestions(show) {
    suggestions.textContent = '';
    if (!show) return;
    settings.suggestions.forEach(function (q) {
      var b = el('button', 'suggestion', q);
      b.type = 'button';
      b.onclick = function () { ask(q); };
      suggestions.appendChild(b);
    });
  }
  function start() {
    log.textContent = '';
    if (settings.opening) bubble('bot opening', settings.opening);
    showSuggestions(true);
  }

  /**
   * Server-Sent Events from a fetch body (EventSource cannot POST). A browser that cannot stream a fetch body (an
   * old WebView) gets the whole answer at once instead.
   */
  function readEvents(res, onEvent) {
    var buffer = '';
    function take(text, last) {
      buffer += text.replace(/\r\n/g, '\n');
      if (last) buffer += '\n\n';
      var end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        var block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        var event = 'message';
        var data = [];
        block.split('\n').forEach(function (line) {
          if (line.indexOf('event:') === 0) event = line.slice(6).trim();
          else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
        });
        if (data.length) onEvent(event, JSON.parse(data.join('\n')));
      }
    }
    if (!res.body || !res.body.getReader || typeof TextDecoder === 'undefined') {
      return res.text().then(function (text) { take(text, true); });
    }
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) return take('', true);
        take(decoder.decode(step.value, { stream: true }), false);
        return pump();
      });
    }
    return pump();
  }

  function ask(text) {
    text = text.trim();
    if (!text || busy) return;
    busy = true;
    send.disabled = true;
    showSuggestions(false);
    bubble('user', text);
    var item = bubble('bot pending', T.thinking);
    var body = item.querySelector('.text');
    var streamed = '';
    var node = '';
    var payload = { message: text };
    if (conversationId) payload.conversationId = conversationId;
    if (!codeInput.hidden) payload.accessCode = codeInput.value;
    fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
      .then(function (res) {
        if (!res.ok) {
          item.className = 'msg bot failed';
          body.textContent = res.status === 429 ? T.tooMany : res.status === 401 ? T.codeWrong : res.status === 404 ? T.notFound : T.failed;
          if (res.status === 401) { codeInput.hidden = false; codeInput.focus(); }
          return;
        }
        return readEvents(res, function (event, data) {
          if (event === 'start') {
            conversationId = data.conversationId;
            remember('conversation', conversationId);
          } else if (event === 'delta') {
            if (data.nodeId !== node) { node = data.nodeId; streamed = ''; }
            streamed += data.text;
            item.className = 'msg bot streaming';
            body.textContent = streamed;
            scrollDown();
          } else if (event === 'done') {
            item.className = 'msg bot done';
            renderAnswer(body, data.answer, data.citations || []);
            addSources(item, data.citations || [], data.answer);
            addThumbs(item, data.turnId);
            scrollDown();
          } else if (event === 'error') {
            item.className = 'msg bot failed';
            body.textContent = T.failed;
          }
        });
      })
      .catch(function () {
        item.className = 'msg bot failed';
        body.textContent = T.failed;
      })
      .then(function () {
        busy = false;
        send.disabled = false;
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = '';
    ask(text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });
  newChat.onclick = function () {
    conversationId = null;
    remember('conversation', null);
    start();
  };

  fetch(api).then(function (res) {
    if (!res.ok) { title.textContent = ''; bubble('bot failed', T.notFound); form.hidden = true; return; }
    return res.json().then(function (s) {
      settings = s;
      title.textContent = s.title;
      document.title = s.title;
      codeInput.hidden = !s.accessCode;
      start();
    });
  }).catch(function () { bubble('bot failed', T.failed); });
})();
`
