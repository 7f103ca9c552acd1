import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** Another running sandbox owns the data file. */
export class DataFileInUseError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataLock {
  release(): void;
}

/**
 * Takes `<file>.lock`, holding this process's pid, so two sandboxes never interleave writes to
 * one data file. A lock whose pid is no longer running (a killed sandbox) is taken over.
 */
export function lockDataFile(file: string): DataLock {
  const lockFile = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return { release: () => rmSync(lockFile, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new DataFileInUseError(`${file} is in use by another sandbox (pid ${owner}, lock ${lockFile}); stop that one or choose another data file`);
      }
      rmSync(lockFile, { force: true });
    }
  }
}
