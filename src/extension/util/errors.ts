/** One readable line for a failure, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}
