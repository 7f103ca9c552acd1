import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { responseHtml } from '../../../src/extension/runner/responseHtml';

const shipped = { script: readFileSync('media/response-view.js', 'utf8'), style: readFileSync('media/response-view.css', 'utf8') };

describe('response view page (whole: it loads nothing)', () => {
  it('carries the shipped script and style, and names no resource to load', () => {
    const page = responseHtml(shipped);
    assert.ok(page.includes(shipped.style), 'the style sheet is in the page');
    assert.ok(page.includes(shipped.script.slice(0, 200)), 'the script is in the page');
    assert.doesNotMatch(page, /\s(src|href)=/, 'no src or href: the service worker is never asked for a file');
  });

  it('lets only this page\'s nonce run a script or apply a style, and draws a new nonce each time', () => {
    const page = responseHtml(shipped);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
    const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    assert.ok(nonce, csp);
    assert.equal(csp, `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`);
    assert.equal(page.match(/<script\b/g)?.length, 1);
    assert.ok(page.includes(`<script nonce="${nonce}">`) && page.includes(`<style nonce="${nonce}">`));
    assert.notEqual(/'nonce-([^']+)'/.exec(responseHtml(shipped))?.[1], nonce);
  });

  it('keeps a "</script>" inside the script from ending the element early', () => {
    const page = responseHtml({ script: "const tag = '</script><b>';\nconst upper = '</SCRIPT>';", style: '' });
    assert.equal(page.match(/<\/script>/gi)?.length, 1, 'only the closing tag of the element');
    assert.ok(page.includes("const tag = '<\\/script><b>';") && page.includes("'<\\/SCRIPT>'"));
  });
});
