/**
 * Interrupt a CLI run with SIGINT mid-way, resume it, and get exactly the final metrics of
 * an uninterrupted run with the same seed (issue: checkpoints and resume).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function run(args: string[], onSpawn?: (kill: () => void) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', () => {});
    onSpawn?.(() => child.kill('SIGINT'));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const finalMetrics = (dir: string) => {
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  for (const space of Object.values(s.spaces) as Record<string, unknown>[]) delete space.wallSeconds;
  return s;
};

describe('interrupt and resume from the command line', () => {
  it('SIGINT mid-run, then `targetspace resume`, gives the uninterrupted final metrics', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ts-resume-'));
    const args = (out: string) => ['train', 'spirals', '--iterations', '600', '--checkpoint-every', '25', '--eval-every', '25', '--batch-size', '64', '--seed', '7', '--no-progress', '--out', out];
    const straight = join(root, 'straight');
    expect((await run(args(straight))).code).toBe(0);

    const cut = join(root, 'cut');
    const interrupted = await run(args(cut), (kill) => {
      // Interrupt once the target-space run has checkpointed a few times.
      const timer = setInterval(() => {
        const csv = join(cut, 'metrics-target.csv');
        if (existsSync(csv) && readFileSync(csv, 'utf8').split('\n').length > 8) {
          clearInterval(timer);
          kill();
        }
      }, 20);
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/targetspace resume/);
    expect(existsSync(join(cut, 'checkpoint-target.bin'))).toBe(true);
    expect(existsSync(join(cut, 'summary.json'))).toBe(false);

    const resumed = await run(['resume', cut, '--no-progress']);
    expect(resumed.code).toBe(0);
    expect(finalMetrics(cut)).toEqual(finalMetrics(straight));
    rmSync(root, { recursive: true });
  });
});
