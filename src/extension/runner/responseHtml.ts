import { randomBytes } from 'node:crypto';

/** The view's script and style, read from media/ once per panel owner. */
export interface ResponsePageParts {
  readonly script: string;
  readonly style: string;
}

/**
 * The view's page, whole: its script and style are written into it, so the page loads nothing. A webview loads its
 * resources through VS Code's service worker, which asks the workbench for each and waits up to 30 s for the
 * answer; in code-server that answer was sometimes lost, and the view stayed blank for 15-30 s.
 * No remote resources; only this page's nonce runs a script or applies a style sheet.
 */
export function responseHtml(parts: ResponsePageParts): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
${parts.style}
</style>
<title>Response</title>
</head>
<body>
<header id="summary">
  <div class="request-line">
    <span id="status" class="status">…</span>
    <span id="method" class="method"></span>
    <span id="url" class="url"></span>
    <span id="time" class="chip" title="Time"></span>
    <span id="size" class="chip" title="Size"></span>
    <span id="paging" class="chip" hidden></span>
    <span id="history" class="chip" hidden>from history</span>
  </div>
  <div class="title-line">
    <span id="title" class="title"></span>
    <div class="actions">
      <button data-action="rerun" id="rerun" title="Send the request again">Re-run</button>
      <button data-action="save" title="Save the body to a file">Save…</button>
      <button data-action="copyCurl" title="Copy a cURL command; the token is written as $PS_TOKEN">Copy as cURL</button>
      <button data-action="copyCurlWithToken" class="secondary" title="Copy a cURL command with the real access token">cURL with token</button>
    </div>
  </div>
</header>
<section id="assertions" class="assertions" hidden></section>
<details id="headers-section"><summary>Headers</summary>
  <h3>Response</h3><table id="response-headers"></table>
  <h3>Request</h3><table id="request-headers"></table>
</details>
<div id="notice" class="notice" hidden></div>
<section id="result" class="result">
  <nav id="toolbar" class="toolbar">
    <div class="modes" role="tablist" aria-label="Show the body as">
      <button role="tab" data-mode="table" id="mode-table" title="The records as a table">Table</button>
      <button role="tab" data-mode="tree" title="The body as a foldable tree">Pretty</button>
      <button role="tab" data-mode="raw" title="The body as it came">Raw</button>
    </div>
    <input id="filter" type="search" placeholder="Filter records" aria-label="Filter records" spellcheck="false">
    <button id="expand-all" class="secondary" title="Open every row on this page (Pretty: every fold)">Expand all</button>
    <button id="collapse-all" class="secondary">Collapse all</button>
    <button id="copy-value" class="secondary" disabled title="Copy the selected line's value">Copy value</button>
    <button id="copy-path" class="secondary" disabled title="Copy the selected line's JSON path">Copy JSON path</button>
    <button data-action="exportCsv" id="export-csv" class="secondary" title="Write every record to a CSV file">Export CSV</button>
    <button data-action="exportNdjson" id="export-ndjson" class="secondary" title="Write every record to an NDJSON file, one a line">Export NDJSON</button>
    <span id="toast" class="toast" role="status"></span>
  </nav>
  <main id="body" class="body" tabindex="0"></main>
</section>
<script nonce="${nonce}">
${inlineScript(parts.script)}
</script>
</body>
</html>`;
}

/** A script as the body of an inline <script>: its text must not close the element early. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
