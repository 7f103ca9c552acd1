// Reads the extension host's console as forwarded by the workbench or printed by test-electron:
// echoes test output, answers screenshot requests, and keeps the tally the suite prints at the end.
const resultMarker = '[psdev-test-result]';
const screenshotMarker = '[psdev-screenshot]';
// Offline noise that says nothing about our extension.
const noise = [/open-vsx\.org/, /vsda/, /Failed to load resource/, /ENOTFOUND/, /punycode/, /^\s+at .*\/static\/out\/vs\//, /^Creating a socket/, /^\[Service Worker\]/, /^Updating additional builtin/, /^ChatSessionStore/];

import { format } from 'node:util';

// The workbench forwards console calls as (format string, ...values), the way console.log takes them.
function argsToText(args) {
  if (!Array.isArray(args)) return String(args ?? '');
  const values = args.map((arg) => (arg && typeof arg === 'object' && 'value' in arg ? arg.value : arg));
  return format(...values);
}

export function createResultReader({ screenshot, write = (line) => process.stdout.write(line + '\n') } = {}) {
  let tally;
  const pending = [];
  const onLine = (line) => {
    // The workbench prefixes forwarded extension-host lines with styling; find markers anywhere.
    const resultAt = line.indexOf(resultMarker);
    if (resultAt >= 0) {
      try {
        tally = JSON.parse(line.slice(resultAt + resultMarker.length).trim().replace(/[^}]*$/, ''));
      } catch {
        /* a malformed tally counts as no tally: the run then fails */
      }
      return;
    }
    const shotAt = line.indexOf(screenshotMarker);
    if (shotAt >= 0) {
      const name = line.slice(shotAt + screenshotMarker.length).trim().split(/\s/)[0];
      if (screenshot && /^[\w.-]+$/.test(name)) pending.push(Promise.resolve(screenshot(name)).catch((error) => write(`[harness] screenshot ${name} failed: ${error.message}`)));
      return;
    }
    if (!noise.some((pattern) => pattern.test(line))) write(line.replace(/%c/g, ''));
  };
  return {
    onLog(_type, args) {
      for (const line of argsToText(args).split('\n')) onLine(line);
    },
    onText(text) {
      for (const line of text.split('\n')) onLine(line);
    },
    async flush() {
      await Promise.all(pending);
    },
    result() {
      return tally ? { passed: tally.passed, failed: tally.failed, skipped: tally.skipped ?? 0 } : { passed: 0, failed: 1, skipped: 0, error: 'the suite printed no result' };
    },
  };
}
