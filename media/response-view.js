// The response view: status, headers and a foldable, highlighted JSON body. Children of a
// collapsed node are built only when it is opened, and long arrays arrive in chunks, so a
// body of any size costs only what is on screen.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const chunk = 200;
  const openDepth = 3;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function primitive(value) {
    if (value === null) return el('span', 'null', 'null');
    switch (typeof value) {
      case 'string': return el('span', 'str', JSON.stringify(value));
      case 'number': return el('span', 'num', String(value));
      case 'boolean': return el('span', 'bool', String(value));
      default: return el('span', 'null', String(value));
    }
  }

  function keyLabel(key) {
    if (key === undefined) return [];
    return [el('span', 'key', typeof key === 'number' ? String(key) : JSON.stringify(key)), el('span', 'punct', ': ')];
  }

  function entriesOf(value) {
    return Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  }

  function node(value, key, depth, last) {
    const comma = last ? '' : ',';
    if (value === null || typeof value !== 'object') {
      const line = el('div', 'line');
      line.append(...keyLabel(key), primitive(value), el('span', 'punct', comma));
      return line;
    }
    const isArray = Array.isArray(value);
    const entries = entriesOf(value);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      const line = el('div', 'line');
      line.append(...keyLabel(key), el('span', 'punct', open + close + comma));
      return line;
    }
    const details = el('details', 'fold');
    const summary = el('summary', 'line');
    summary.append(...keyLabel(key), el('span', 'punct', open), el('span', 'count', ` ${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : (entries.length === 1 ? 'key' : 'keys')} `));
    const closed = el('span', 'punct closed', close + comma);
    summary.append(closed);
    details.append(summary);
    const children = el('div', 'children');
    details.append(children);
    const end = el('div', 'line');
    end.append(el('span', 'punct', close + comma));
    details.append(end);
    let built = 0;
    const more = el('button', 'more');
    more.addEventListener('click', () => build());
    function build() {
      more.remove();
      const stop = Math.min(entries.length, built + chunk);
      const fragment = document.createDocumentFragment();
      for (let i = built; i < stop; i++) fragment.append(node(entries[i][1], isArray ? i : entries[i][0], depth + 1, i === entries.length - 1));
      children.append(fragment);
      built = stop;
      if (built < entries.length) {
        more.textContent = `Show ${Math.min(chunk, entries.length - built)} more (${entries.length - built} left)`;
        children.append(more);
      }
    }
    details.addEventListener('toggle', () => {
      if (details.open && built === 0) build();
    });
    if (depth < openDepth) {
      details.open = true;
      build();
    }
    return details;
  }

  // For the cut-short preview of a large body: colour tokens of plain text, line by line.
  const tokenPattern = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b/g;
  function highlightText(text) {
    const pre = el('pre', 'text');
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(tokenPattern)) {
      if (match.index > last) fragment.append(text.slice(last, match.index));
      if (match[1] !== undefined) {
        fragment.append(el('span', match[2] ? 'key' : 'str', match[1]));
        if (match[2]) fragment.append(el('span', 'punct', match[2]));
      } else if (match[3] !== undefined) fragment.append(el('span', 'num', match[3]));
      else if (match[4] !== undefined) fragment.append(el('span', 'bool', match[4]));
      else fragment.append(el('span', 'null', match[5]));
      last = match.index + match[0].length;
    }
    fragment.append(text.slice(last));
    pre.append(fragment);
    return pre;
  }

  function headerRows(table, headers) {
    table.replaceChildren(...Object.entries(headers).map(([name, value]) => {
      const row = el('tr');
      row.append(el('th', '', name), el('td', '', value));
      return row;
    }));
  }

  /** The `??` results: one line each, a failed one with what was found. Counts go back to the host. */
  function renderAssertions(message) {
    const section = document.getElementById('assertions');
    const assertions = message.assertions || [];
    section.hidden = assertions.length === 0;
    section.replaceChildren(...assertions.map((assertion) => {
      const row = el('div', `assertion ${assertion.passed ? 'passed' : 'failed'}`, `${assertion.passed ? '✓' : '✗'} ${assertion.text}`);
      if (assertion.message) row.append(el('span', 'assertion-message', ` — ${assertion.message}`));
      return row;
    }));
    return { passed: assertions.filter((assertion) => assertion.passed).length, failed: assertions.filter((assertion) => !assertion.passed).length };
  }

  function render(message) {
    const status = document.getElementById('status');
    status.textContent = `${message.status} ${message.statusText || ''}`.trim();
    status.className = `status ${message.status >= 400 ? 'error' : message.status >= 300 ? 'redirect' : 'ok'}`;
    const meta = [message.time, message.size];
    if (message.paging) meta.push(message.paging);
    if (message.fromHistory) meta.push('from history');
    document.getElementById('meta').textContent = meta.join(' · ');
    const request = document.getElementById('request');
    request.replaceChildren(el('span', 'method', message.method), document.createTextNode(' '), el('span', 'url', message.url));
    if (message.title) request.prepend(el('span', 'title', message.title + '  '));
    document.getElementById('rerun').disabled = !message.canRerun;
    headerRows(document.getElementById('response-headers'), message.responseHeaders);
    headerRows(document.getElementById('request-headers'), message.requestHeaders);
    const notice = document.getElementById('notice');
    notice.hidden = true;
    notice.replaceChildren();
    const body = document.getElementById('body');
    const content = message.body;
    if (content.kind === 'json') {
      const root = el('div', 'json');
      root.append(node(content.value, undefined, 0, true));
      body.replaceChildren(root);
    } else if (content.kind === 'truncated') {
      notice.hidden = false;
      const open = el('button', '', 'Open full');
      open.dataset.action = 'openFull';
      notice.append(`This body is ${content.totalSize}: showing the first ${Math.round(content.text.length / 1024)} KB. `, open);
      body.replaceChildren(highlightText(content.text));
    } else if (content.kind === 'text') {
      body.replaceChildren(el('pre', 'text', content.text));
    } else {
      body.replaceChildren(el('div', 'empty', '(no body)'));
    }
    const assertions = renderAssertions(message);
    vscode.postMessage({ type: 'rendered', status: status.textContent, bodyKind: content.kind, nodes: body.querySelectorAll('.line').length, assertions });
  }

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'show') render(event.data);
  });
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (target) vscode.postMessage({ type: target.dataset.action });
  });
  vscode.postMessage({ type: 'ready' });
})();
