import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** The view's page: no remote resources, scripts only with this page's nonce. */
export function responseHtml(webview: vscode.Webview, media: vscode.Uri, joinPath: (base: vscode.Uri, ...parts: string[]) => vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(joinPath(media, 'response-view.js'));
  const style = webview.asWebviewUri(joinPath(media, 'response-view.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Response</title>
</head>
<body>
<header id="summary">
  <span id="status" class="status">…</span>
  <span id="meta" class="meta"></span>
  <div class="actions">
    <button data-action="rerun" id="rerun" title="Send the request again">Re-run</button>
    <button data-action="save" title="Save the body to a file">Save…</button>
    <button data-action="copyCurl" title="Copy a cURL command; the token is written as $PS_TOKEN">Copy as cURL</button>
    <button data-action="copyCurlWithToken" class="secondary" title="Copy a cURL command with the real access token">cURL with token</button>
  </div>
</header>
<div id="request" class="request"></div>
<section id="assertions" class="assertions" hidden></section>
<details id="headers-section"><summary>Headers</summary>
  <h3>Response</h3><table id="response-headers"></table>
  <h3>Request</h3><table id="request-headers"></table>
</details>
<div id="notice" class="notice" hidden></div>
<main id="body" class="body" tabindex="0"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
