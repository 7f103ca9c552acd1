import type { PsreqRequest } from './types';

/** The request whose block holds the offset (requests are in document order, blocks end where the next begins). */
export function requestAt(requests: readonly PsreqRequest[], offset: number): PsreqRequest | undefined {
  let low = 0;
  let high = requests.length - 1;
  let found: PsreqRequest | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (requests[middle].span.start <= offset) {
      found = requests[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && offset <= found.span.end ? found : undefined;
}
