import type { Writable } from 'node:stream';
import type { Redactor } from '../core/client';

// C0 controls but tab and newline, DEL and C1 controls: what lets text move the cursor, recolour,
// retitle or rewrite the terminal (ESC, CSI \u009b, BEL, a bare carriage return).
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters written as `\u001b`: visible, inert, and still valid inside a JSON string. */
function escapeControls(text: string): string {
  return text.replace(controlCharacters, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isTerminal(stream: Writable): boolean {
  return (stream as NodeJS.WriteStream).isTTY === true;
}

/** Text from files or servers fit for `stream`: control characters escaped on a terminal, as they are otherwise. */
export function terminalFilter(stream: Writable): (text: string) => string {
  return isTerminal(stream) ? escapeControls : (text) => text;
}

/**
 * What psdev prints of a server's answers: secrets and tokens masked (a server that echoes the
 * request would otherwise print the token), control characters escaped on a terminal (a pipe
 * or a file gets the body's own characters).
 */
export function outputFilter(stream: Writable, redactor: Redactor): (text: string) => string {
  const terminal = terminalFilter(stream);
  return (text) => terminal(redactor.redact(text));
}

/** Messages on stderr: always one inert line, whatever the server put in them. */
export function writeMessage(stderr: Writable, message: string): void {
  stderr.write(`${escapeControls(message)}\n`);
}
