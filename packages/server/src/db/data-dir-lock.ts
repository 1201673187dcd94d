import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'habitual.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes `dir` for this process: PGlite keeps the database in memory and writes it back, so a
 * second process on the same folder loses acknowledged writes. A lock file holds the owner's
 * pid; one left by a process that has gone is stale and taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(
          `Data folder ${dir} is in use by process ${owner} (another habitual-server): one process per PGlite folder. Stop it, or point several collectors at one PostgreSQL with DATABASE_URL.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock data folder ${dir}: remove ${file} if no habitual-server is running.`);
}
