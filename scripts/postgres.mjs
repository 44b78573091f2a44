// A throwaway PostgreSQL cluster from Debian's binaries, for the server tests and the bench: its own
// temporary data directory and socket directory, 127.0.0.1 on a free port, trust authentication,
// fsync on (the crash tests rely on commits being durable, as on a real server). No service needs to
// run: a cluster Debian's package may have started (port 5432, /var/run/postgresql) is left alone.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const prefix = 'remote-support-consent-postgres-';

/** The newest /usr/lib/postgresql/<version>/bin that has a server, or a one-line reason. */
function binaries() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => b - a) : [];
  const bin = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'postgres')));
  if (!bin) throw new Error(`PostgreSQL was not found in ${root}/<version>/bin. The server tests use Debian's package: install it with \`sudo apt-get install -y postgresql\`.`);
  return bin;
}

/** As root, the cluster runs as `postgres` (PostgreSQL refuses root): its uid and gid, else nothing to switch. */
function owner() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) throw new Error('PostgreSQL must not run as root, and there is no `postgres` user to run it as: `sudo apt-get install -y postgresql` creates one.');
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/**
 * A run killed with SIGKILL cannot stop its cluster: the next start does. Each directory is named for
 * the process that made it; when that process is gone, its postmaster (if any) is stopped at once and
 * the directory removed.
 */
function removeOrphans() {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(prefix))) {
    const ownerPid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(ownerPid) || alive(ownerPid)) continue;
    const dir = join(tmpdir(), name);
    try {
      const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (postmaster > 0) process.kill(postmaster, 'SIGQUIT');
    } catch {
      // No postmaster.pid, or it is gone already: nothing runs there.
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** The log's last FATAL or ERROR line (why it did not start), else its last line. */
function lastWord(file) {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
  return lines.findLast((line) => /\b(FATAL|ERROR|PANIC):/.test(line)) ?? lines.at(-1) ?? '';
}

/**
 * Starts a cluster and waits until it accepts connections. Resolves to its `url`
 * (`postgres://postgres@127.0.0.1:<port>/postgres`) and `stop()`, which shuts it down and removes its
 * files; it also stops when this process exits or is interrupted. Rejects with a one-line reason
 * (naming `apt-get install postgresql` when the binaries are missing).
 */
export async function startPostgres() {
  const bin = binaries();
  const user = owner();
  removeOrphans();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const as = { ...user, cwd: dir, env: { ...process.env, LC_ALL: 'C' } };

  // --no-sync only skips initdb's own flush of the fresh files; the running cluster fsyncs its commits.
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], { ...as, encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(init.stderr || init.error?.message || '').trim().split('\n').pop()}`);
  }

  const port = await freePort();
  const logFd = openSync(log, 'a');
  if (user.uid !== undefined) chownSync(log, user.uid, user.gid);
  const settings = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: dir,
    fsync: 'on',
    synchronous_commit: 'on',
    shared_buffers: '16MB',
    max_connections: 200,
  };
  const args = ['-D', data, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const server = spawn(join(bin, 'postgres'), args, { ...as, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  // The cluster lives as long as its owner does, and never keeps it alive: a test file ends when its tests do.
  server.unref();
  let exited = false;
  server.once('exit', () => (exited = true));

  let stopped = false;
  const interrupted = () => (stopNow(), process.exit(1));
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopNow).off('SIGINT', interrupted).off('SIGTERM', interrupted);
    // Immediate shutdown: a throwaway cluster has nothing worth a checkpoint.
    if (!exited) server.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  const stop = async () => {
    if (stopped) return;
    if (!exited) {
      let timer;
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGQUIT');
      await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
    }
    stopNow();
  };
  process.once('exit', stopNow).once('SIGINT', interrupted).once('SIGTERM', interrupted);

  for (let tries = 0; tries < 300 && !exited; tries++) {
    const ready = spawnSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres']).status === 0;
    if (ready) return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reason = lastWord(log) || (exited ? 'it exited' : 'it did not accept connections within 30 s');
  await stop();
  throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}: ${reason}`);
}
