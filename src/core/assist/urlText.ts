import type { RequestUrl } from '../psreq';
import { sliceFromPositions, subSlice, type TextSlice } from './textSlice';

// The URL of a request as one text (continuation lines joined, as the parser joins them), split
// into the parts the assistant works on, each a TextSlice that maps back to the document.

export interface UrlParameter {
  /** Raw key and value as written (still percent-encoded). */
  key: TextSlice;
  value: TextSlice;
  hasEquals: boolean;
  /** Local indexes in the URL text. */
  start: number;
  end: number;
}

export interface UrlParts {
  url: TextSlice;
  /** The path after any origin (`https://host`, `{{baseUrl}}`), e.g. `/ws/v1/district`. */
  apiPath: TextSlice;
  /** Index in the URL text where apiPath starts, and where the path ends (`?` or end). */
  apiPathStart: number;
  pathEnd: number;
  /** Index of `?` in the URL text, or -1. */
  queryStart: number;
  parameters: UrlParameter[];
}

export function urlSlice(url: RequestUrl): TextSlice {
  const positions: number[] = [];
  const ends: number[] = [];
  for (const piece of url.pieces) {
    for (let i = 0; i < piece.text.length; i++) {
      positions.push(piece.start + i);
      ends.push(piece.start + i + 1);
    }
  }
  return sliceFromPositions(url.text, positions, ends, url.pieces[0]?.start ?? url.span.start);
}

const originPattern = /^(?:[A-Za-z][\w+.-]*:\/\/[^/?]*|\{\{[^}]*\}\})/;

export function splitUrl(url: RequestUrl): UrlParts {
  const slice = urlSlice(url);
  const text = slice.text;
  const queryStart = text.indexOf('?');
  const pathEnd = queryStart < 0 ? text.length : queryStart;
  const origin = originPattern.exec(text.slice(0, pathEnd));
  const apiPathStart = origin ? origin[0].length : 0;
  const parameters: UrlParameter[] = [];
  if (queryStart >= 0) {
    let position = queryStart + 1;
    while (position <= text.length) {
      let next = text.indexOf('&', position);
      if (next < 0) next = text.length;
      const equals = text.indexOf('=', position);
      const hasEquals = equals >= 0 && equals < next;
      const keyEnd = hasEquals ? equals : next;
      parameters.push({
        key: subSlice(slice, position, keyEnd),
        value: subSlice(slice, hasEquals ? equals + 1 : next, next),
        hasEquals,
        start: position,
        end: next,
      });
      position = next + 1;
    }
  }
  return { url: slice, apiPath: subSlice(slice, apiPathStart, pathEnd), apiPathStart, pathEnd, queryStart, parameters };
}
