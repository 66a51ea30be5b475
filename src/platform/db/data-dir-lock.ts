import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/index.js';

/**
 * PGlite takes no lock on its folder, and a second process that opens it loses its writes silently.
 * We keep a lock file holding the owner's pid: a live owner makes any other process refuse to start;
 * a lock left by a dead process (crash, kill -9) is taken over.
 */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Lock files this process holds: its own pid in a lock file it does not hold means a reused pid. */
const held = new Set<string>();

export function lockDataDir(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'jiuye.lock');
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { file, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readLock(file);
      const live = owner && (owner.pid === process.pid ? held.has(file) : isAlive(owner.pid));
      if (owner && live) {
        throw new AppError('DATA_DIR_LOCKED', {
          zh: `数据目录 ${dataDir} 正被进程 ${owner.pid}（jiuye ${owner.command}）使用。请先停止该进程，或设置 DATABASE_URL 改用 PostgreSQL 服务器。`,
          en: `The data folder ${dataDir} is in use by process ${owner.pid} (jiuye ${owner.command}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
        });
      }
      // The owner is gone (or the file is unreadable half-written debris): take the lock over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { en: `Could not take the lock ${file}` });
}
