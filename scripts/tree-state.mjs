// What git sees in the working tree, to tell whether a test run wrote where it must not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * What git sees in the working tree: each line of `git status` (a changed, new or deleted file),
 * with a digest of the file as it is. Undefined outside a git checkout.
 */
export function treeState() {
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { encoding: 'utf8' });
  if (status.status !== 0) return undefined;
  return new Map(
    status.stdout
      .split('\0')
      .filter((entry) => /^.. /.test(entry))
      .map((entry) => {
        const file = entry.slice(3);
        let digest = '';
        try {
          digest = createHash('sha256').update(readFileSync(file)).digest('hex');
        } catch {
          // Deleted, or a directory: the status line says enough.
        }
        return [file, `${entry.slice(0, 2)} ${digest}`];
      }),
  );
}

