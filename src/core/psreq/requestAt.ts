import { lastIndexAtOrBefore } from '../text';
import type { PsreqRequest } from './types';

/** The request whose block holds the offset (requests are in document order, blocks end where the next begins). */
export function requestAt(requests: readonly PsreqRequest[], offset: number): PsreqRequest | undefined {
  const found = requests[lastIndexAtOrBefore(requests.length, (index) => requests[index].span.start, offset)];
  return found && offset <= found.span.end ? found : undefined;
}
