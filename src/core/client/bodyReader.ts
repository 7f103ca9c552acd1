/** A response body that went past the client's limit; reading stopped there. */
export class BodyLimitExceeded extends Error {
  override readonly name = 'BodyLimitExceeded';
}

/**
 * Reads a response body as a stream, counting decoded bytes, so an endless body or a
 * compression bomb stops at `maxBytes` instead of filling memory: fetch inflates only as fast
 * as the stream is read. With `deliver`, chunks go there as they come and nothing is kept.
 */
export async function readBody(response: Response, maxBytes: number, deliver?: (chunk: Uint8Array) => Promise<void> | void): Promise<{ text: string; bytes: number }> {
  if (!response.body) return { text: '', bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new BodyLimitExceeded();
      if (deliver) await deliver(value);
      else chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  // TextDecoder drops a leading BOM, as Response.text() does.
  return { text: deliver ? '' : new TextDecoder().decode(Buffer.concat(chunks)), bytes };
}
