/**
 * Lines the extension-host side of the test run prints for the launcher to read. Both launchers
 * (test-electron's stdout, code-server's forwarded console) see console.log, so markers travel there.
 */
export const resultMarker = '[psdev-test-result]';
export const screenshotMarker = '[psdev-screenshot]';
