// The response view: the request line, headers, and the body as a records table, a foldable
// highlighted JSON tree or the raw text. The table holds one page of rows, asked of the
// extension (which sorts and filters every record), and a row's JSON only once it is opened;
// the tree builds a fold's children only when it is opened, long arrays in chunks. So a body
// of any size costs only what is on screen. Every text goes in as textContent, never as HTML.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const chunk = 200;
  const openDepth = 3;
  const pageSize = 100;
  const filterDelayMs = 150;
  /** Columns drawn in the table; wider records keep the rest in each row's JSON and in the exports. */
  const shownColumns = 60;

  /** The response shown and what the reader did with it. */
  let shown;
  let view = { mode: 'tree', sort: undefined, filter: '', offset: 0 };
  /** The page of rows drawn, and which of them are open. */
  let page;
  const open = new Set();
  /** The path of every tree line, for Copy value / Copy JSON path. */
  let pathOfLine = new WeakMap();
  let selected;
  let filterTimer;

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function post(message) {
    vscode.postMessage({ ...message, generation: shown && shown.generation });
  }

  // ---- the JSON tree -------------------------------------------------------------------

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

  function node(value, key, depth, last, path, autoOpen) {
    const comma = last ? '' : ',';
    if (value === null || typeof value !== 'object') {
      const line = el('div', 'line');
      line.append(...keyLabel(key), primitive(value), el('span', 'punct', comma));
      pathOfLine.set(line, path);
      return line;
    }
    const isArray = Array.isArray(value);
    const entries = entriesOf(value);
    const [opening, closing] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      const line = el('div', 'line');
      line.append(...keyLabel(key), el('span', 'punct', opening + closing + comma));
      pathOfLine.set(line, path);
      return line;
    }
    const details = el('details', 'fold');
    const summary = el('summary', 'line');
    pathOfLine.set(summary, path);
    summary.append(...keyLabel(key), el('span', 'punct', opening), el('span', 'count', ` ${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : (entries.length === 1 ? 'key' : 'keys')} `));
    summary.append(el('span', 'punct closed', closing + comma));
    details.append(summary);
    const children = el('div', 'children');
    details.append(children);
    const end = el('div', 'line');
    end.append(el('span', 'punct', closing + comma));
    details.append(end);
    let built = 0;
    const more = el('button', 'more');
    more.addEventListener('click', () => build());
    function build() {
      more.remove();
      const stop = Math.min(entries.length, built + chunk);
      const fragment = document.createDocumentFragment();
      for (let i = built; i < stop; i++) {
        const childKey = isArray ? i : entries[i][0];
        fragment.append(node(entries[i][1], childKey, depth + 1, i === entries.length - 1, [...path, childKey], autoOpen));
      }
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
    if (depth < autoOpen) {
      details.open = true;
      build();
    }
    return details;
  }

  function tree(value, path, autoOpen) {
    const root = el('div', 'json');
    root.append(node(value, undefined, 0, true, path, autoOpen));
    return root;
  }

  // For the raw text and the cut-short preview of a large body: colour tokens, line by line.
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

  // ---- the records table ---------------------------------------------------------------

  /** Header cells: the toggle, id, name, then every column but the id's. */
  function tableColumns() {
    const table = shown.table;
    return table.columns.map((label, index) => ({ label, index })).filter((column) => column.index !== table.idColumn).slice(0, shownColumns);
  }

  function askRows() {
    post({ type: 'rows', query: { sort: view.sort, filter: view.filter, offset: view.offset, limit: pageSize } });
  }

  function sortMark(column) {
    if (!view.sort || view.sort.column !== column) return '';
    return view.sort.descending ? ' ▼' : ' ▲';
  }

  function headerCell(label, column, className) {
    const th = el('th', className);
    if (column === undefined || column < 0) {
      th.textContent = label;
      return th;
    }
    const button = el('button', 'sort', label + sortMark(column));
    button.title = `Sort by ${label}`;
    button.dataset.column = String(column);
    th.setAttribute('aria-sort', !view.sort || view.sort.column !== column ? 'none' : view.sort.descending ? 'descending' : 'ascending');
    th.append(button);
    return th;
  }

  function drawRows(message) {
    page = message;
    const table = shown.table;
    const columns = tableColumns();
    const body = $('body');
    const info = el('div', 'table-info');
    const first = message.rows.length ? message.offset + 1 : 0;
    const last = message.offset + message.rows.length;
    info.append(el('span', 'range', `Records ${first.toLocaleString()}–${last.toLocaleString()} of ${message.matched.toLocaleString()}${message.matched !== message.total ? ` (filtered from ${message.total.toLocaleString()})` : ''}`));
    const previous = el('button', 'secondary pager', '‹ Previous');
    previous.disabled = message.offset === 0;
    previous.dataset.page = String(Math.max(0, message.offset - pageSize));
    const next = el('button', 'secondary pager', 'Next ›');
    next.disabled = last >= message.matched;
    next.dataset.page = String(message.offset + pageSize);
    const hidden = table.columns.length - (table.idColumn >= 0 ? 1 : 0) - columns.length;
    if (hidden > 0) info.append(el('span', 'more-columns', `${hidden} more columns in each row's JSON and in the exports`));
    info.append(previous, next);

    const grid = el('table', 'records');
    const head = el('thead');
    const headRow = el('tr');
    headRow.append(el('th', 'toggle'), headerCell('id', table.idColumn, 'rid'), headerCell('name', table.nameColumns[0], 'rname'), ...columns.map((column) => headerCell(column.label, column.index)));
    head.append(headRow);
    const rows = el('tbody');
    for (const row of message.rows) {
      const tr = el('tr', 'record');
      tr.dataset.index = String(row.index);
      const toggle = el('td', 'toggle');
      toggle.append(el('button', 'twisty', '▸'));
      toggle.firstChild.title = 'Show this record';
      tr.append(toggle, el('td', 'rid', row.id), el('td', 'rname', row.name));
      for (const column of columns) {
        const text = row.cells[column.index];
        const td = el('td', 'cell', text);
        if (text.length > 40) td.title = text;
        tr.append(td);
      }
      rows.append(tr);
    }
    grid.append(head, rows);
    body.replaceChildren(info, grid);
    const reopen = message.rows.map((row) => row.index).filter((index) => open.has(index));
    if (reopen.length) post({ type: 'records', indexes: reopen });
    else reportRendered();
  }

  function drawRecords(message) {
    const rows = $('body').querySelector('tbody');
    if (!rows) return;
    const width = rows.parentElement.querySelector('thead tr').children.length;
    for (const record of message.records) {
      const tr = rows.querySelector(`tr.record[data-index="${record.index}"]`);
      if (!tr || (tr.nextSibling && tr.nextSibling.classList.contains('expansion'))) continue;
      tr.classList.add('open');
      tr.querySelector('.twisty').textContent = '▾';
      const expansion = el('tr', 'expansion');
      const cell = el('td');
      cell.colSpan = width;
      cell.append(tree(record.value, record.path, 2));
      expansion.append(cell);
      tr.after(expansion);
    }
    reportRendered();
  }

  function toggleRow(tr) {
    const index = Number(tr.dataset.index);
    if (open.has(index)) {
      open.delete(index);
      tr.classList.remove('open');
      tr.querySelector('.twisty').textContent = '▸';
      if (tr.nextSibling && tr.nextSibling.classList.contains('expansion')) tr.nextSibling.remove();
      reportRendered();
      return;
    }
    open.add(index);
    post({ type: 'records', indexes: [index] });
  }

  // ---- modes, controls and state -------------------------------------------------------

  function setMode(mode) {
    if (mode === 'table' && !shown.table) mode = 'tree';
    view.mode = mode;
    select(undefined);
    for (const button of document.querySelectorAll('[data-mode]')) button.setAttribute('aria-selected', String(button.dataset.mode === mode));
    $('filter').hidden = mode !== 'table';
    $('export-csv').hidden = $('export-ndjson').hidden = !shown.table;
    $('expand-all').hidden = $('collapse-all').hidden = mode === 'raw';
    if (mode === 'table') {
      askRows();
      return;
    }
    if (mode === 'raw') {
      post({ type: 'raw' });
      return;
    }
    drawBody(shown.body);
  }

  function drawBody(content) {
    const body = $('body');
    if (content.later) {
      post({ type: 'body' });
      return;
    }
    shown.body = content;
    if (content.kind === 'json') body.replaceChildren(tree(content.value, [], openDepth));
    else if (content.kind === 'truncated') body.replaceChildren(highlightText(content.text));
    else if (content.kind === 'text') body.replaceChildren(el('pre', 'text', content.text));
    else body.replaceChildren(el('div', 'empty', '(no body)'));
    reportRendered();
  }

  function drawRaw(message) {
    const pre = el('pre', 'text raw', message.text);
    $('body').replaceChildren(pre);
    if (message.cut) $('body').append(el('div', 'empty', 'The raw text is cut short here: Open full or Save… has all of it.'));
    reportRendered();
  }

  function expandAll(expand) {
    if (view.mode === 'table') {
      if (!page) return;
      const indexes = page.rows.map((row) => row.index);
      if (expand) {
        indexes.forEach((index) => open.add(index));
        post({ type: 'records', indexes });
      } else {
        indexes.forEach((index) => open.delete(index));
        drawRows(page);
      }
      return;
    }
    // Opening a fold builds its first chunk of children, which may hold more folds: a pass per level.
    if (expand) {
      for (let pass = 0; pass < 12; pass++) {
        const closed = $('body').querySelectorAll('details.fold:not([open])');
        if (closed.length === 0) break;
        closed.forEach((details) => (details.open = true));
      }
    } else $('body').querySelectorAll('details.fold[open]').forEach((details) => (details.open = false));
    reportRendered();
  }

  function select(line) {
    if (selected) selected.classList.remove('selected');
    selected = line;
    if (line) line.classList.add('selected');
    $('copy-value').disabled = $('copy-path').disabled = !line;
  }

  function copySelected(what) {
    const path = selected && pathOfLine.get(selected);
    if (path) post({ type: what === 'value' ? 'copyValue' : 'copyPath', path });
  }

  function perform(action) {
    switch (action.type) {
      case 'mode': return setMode(action.mode);
      case 'sort':
        view.sort = { column: action.column, descending: action.descending };
        view.offset = 0;
        return setMode('table');
      case 'filter':
        $('filter').value = action.text;
        view.filter = action.text;
        view.offset = 0;
        return setMode('table');
      case 'page':
        view.offset = action.offset;
        return setMode('table');
      case 'expandAll': return expandAll(true);
      case 'collapseAll': return expandAll(false);
      case 'select': return select([...$('body').querySelectorAll('.line')].filter((line) => pathOfLine.has(line))[action.line]);
      case 'copy': return copySelected(action.what);
    }
  }

  function reportRendered() {
    const body = $('body');
    const table = view.mode === 'table' && page ? {
      mode: view.mode,
      ids: page.rows.map((row) => row.id),
      names: page.rows.map((row) => row.name),
      matched: page.matched,
      total: page.total,
      offset: page.offset,
      expanded: body.querySelectorAll('tr.expansion').length,
      sort: view.sort,
      filter: view.filter,
    } : undefined;
    const assertions = shown.assertions || [];
    const passed = assertions.filter((assertion) => assertion.passed).length;
    post({ type: 'rendered', status: $('status').textContent, bodyKind: shown.body.kind, nodes: body.querySelectorAll('.line').length, mode: view.mode, notice: $('notice').textContent, table, assertions: { passed, failed: assertions.length - passed } });
  }

  function headerRows(table, headers) {
    table.replaceChildren(...Object.entries(headers).map(([name, value]) => {
      const row = el('tr');
      row.append(el('th', '', name), el('td', '', value));
      return row;
    }));
  }

  /** The `??` results: one line each, a failed one with what was found (their counts go back with `rendered`). */
  function renderAssertions(message) {
    const section = document.getElementById('assertions');
    const assertions = message.assertions || [];
    section.hidden = assertions.length === 0;
    section.replaceChildren(...assertions.map((assertion) => {
      const row = el('div', `assertion ${assertion.passed ? 'passed' : 'failed'}`, `${assertion.passed ? '✓' : '✗'} ${assertion.text}`);
      if (assertion.message) row.append(el('span', 'assertion-message', ` — ${assertion.message}`));
      return row;
    }));
  }

  function render(message) {
    shown = message;
    page = undefined;
    open.clear();
    pathOfLine = new WeakMap();
    view = { mode: message.table ? 'table' : 'tree', sort: undefined, filter: '', offset: 0 };
    $('filter').value = '';
    const status = $('status');
    status.textContent = `${message.status} ${message.statusText || ''}`.trim();
    status.className = `status ${message.status >= 400 ? 'error' : message.status >= 300 ? 'redirect' : 'ok'}`;
    $('method').textContent = message.method;
    $('method').className = `method ${message.method.toLowerCase()}`;
    $('url').textContent = message.url;
    $('url').title = message.url;
    $('time').textContent = message.time;
    $('size').textContent = message.size;
    $('paging').hidden = !message.paging;
    $('paging').textContent = message.paging || '';
    $('history').hidden = !message.fromHistory;
    $('title').textContent = message.title || '';
    $('rerun').disabled = !message.canRerun;
    headerRows($('response-headers'), message.responseHeaders);
    headerRows($('request-headers'), message.requestHeaders);
    const notice = $('notice');
    notice.hidden = true;
    notice.replaceChildren();
    if (message.cancelled) {
      notice.hidden = false;
      notice.append(message.cancelled);
    } else if (message.body.kind === 'truncated') {
      notice.hidden = false;
      const full = el('button', '', 'Open full');
      full.dataset.action = 'openFull';
      notice.append(`This body is ${message.body.totalSize}: Pretty shows the first ${Math.round(message.body.text.length / 1024)} KB${message.table ? '; the table has every record' : ''}. `, full);
    }
    renderAssertions(message);
    $('mode-table').hidden = !message.table;
    requestAnimationFrame(() => post({ type: 'painted' }));
    setMode(view.mode);
  }

  function toast(text) {
    const box = $('toast');
    box.textContent = text;
    setTimeout(() => {
      if (box.textContent === text) box.textContent = '';
    }, 2500);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message) return;
    if (message.type === 'show') return render(message);
    if (!shown || message.generation !== shown.generation) return;
    if (message.type === 'rows' && view.mode === 'table') drawRows(message);
    else if (message.type === 'records' && view.mode === 'table') drawRecords(message);
    else if (message.type === 'raw' && view.mode === 'raw') drawRaw(message);
    else if (message.type === 'body' && view.mode === 'tree') drawBody(message.body);
    else if (message.type === 'copied') toast(message.what);
    else if (message.type === 'perform') perform(message.action);
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const action = target.closest('[data-action]');
    if (action) return post({ type: action.dataset.action });
    const mode = target.closest('[data-mode]');
    if (mode) return setMode(mode.dataset.mode);
    const sort = target.closest('button.sort');
    if (sort) {
      const column = Number(sort.dataset.column);
      const descending = !!view.sort && view.sort.column === column && !view.sort.descending;
      return perform({ type: 'sort', column, descending });
    }
    const pager = target.closest('button.pager');
    if (pager) return perform({ type: 'page', offset: Number(pager.dataset.page) });
    if (target.id === 'expand-all' || target.id === 'collapse-all') return expandAll(target.id === 'expand-all');
    if (target.id === 'copy-value' || target.id === 'copy-path') return copySelected(target.id === 'copy-value' ? 'value' : 'path');
    const record = target.closest('tr.record');
    if (record) return toggleRow(record);
    const line = target.closest('.line');
    if (line && pathOfLine.has(line)) select(line);
  });

  $('filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => perform({ type: 'filter', text: $('filter').value }), filterDelayMs);
  });

  // Until the first response arrives, say ready again every second: a message lost either way while VS Code was
  // still attaching the page would otherwise leave the view blank for good (the extension re-sends on every ready).
  let readyTries = 0;
  const sayReady = () => {
    if (shown || readyTries++ >= 60) return;
    vscode.postMessage({ type: 'ready' });
    setTimeout(sayReady, 1000);
  };
  sayReady();
})();
