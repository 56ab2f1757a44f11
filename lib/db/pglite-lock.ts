import fs from "node:fs";
import path from "node:path";

/**
 * PGlite opens its data directory without any lock of its own, and two
 * processes writing one directory corrupt it. We take an exclusive lock file
 * beside the directory (`<dir>.lock`, holding the owner's pid) and refuse to
 * open when another live process holds it.
 */
export class DatabaseInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
        "PGlite can be opened by one process at a time: stop that process (for example the running `npm start`) " +
        "and try again, or run Pairwise on PostgreSQL (DATABASE_URL=postgres://…) to share the database.",
    );
    this.name = "DatabaseInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();

export function acquirePgliteLock(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      return () => releasePgliteLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8").trim(), 10);
      if (pid === process.pid) return () => releasePgliteLock(lockPath);
      if (Number.isFinite(pid) && pid > 0 && isAlive(pid)) throw new DatabaseInUseError(dir, pid);
      // A stale lock left by a killed process: remove it and try again.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function releasePgliteLock(lockPath: string): void {
  if (!held.delete(lockPath)) return;
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8").trim(), 10);
    if (pid === process.pid) fs.rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}

process.once("exit", () => {
  for (const lockPath of [...held]) releasePgliteLock(lockPath);
});
