import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Node arguments that run one of the project's TypeScript entry points as its own process. */
export function entryArgs(entry: string): string[] {
  return ['--import', tsx, fileURLToPath(new URL(entry, `file://${root}`))];
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point to completion with exactly the given environment. */
export function runEntry(
  entry: string,
  args: string[],
  opts: { env: Record<string, string>; cwd: string; timeoutMs?: number; uid?: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs(entry), ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '', ...opts.env },
      ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
