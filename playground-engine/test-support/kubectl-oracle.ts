/**
 * The REAL kubectl v1.30 against the team's fake API server (kubectl-oracle/fakeapi.py), for the
 * oracle tests: where the binary is (`$KUBECTL`, or `kubectl.1.30` beside `kubectl` on PATH),
 * the server's lifecycle, one kubectl call, and dates moved back by the served offset. Tests only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function realKubectl(): string | undefined {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  const w = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const k = w.stdout.trim();
  if (!k) return undefined;
  const cand = join(dirname(realpathSync(k)), 'kubectl.1.30');
  return existsSync(cand) ? cand : undefined;
}

export const KBIN = realKubectl();
export const ORACLE_DIR = process.env.KUBECTL_ORACLE_DIR ?? '/work/shared/tools/kubectl-oracle';
export const FAKEAPI = join(ORACLE_DIR, 'fakeapi.py');
export const ORACLE_ENABLED = KBIN !== undefined && existsSync(FAKEAPI);

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const DAYS = 'Sun Mon Tue Wed Thu Fri Sat'.split(' ');

/** One fake API server on its own port and a kubectl home for it. */
export class Oracle {
  readonly base: string;
  private readonly work: string;
  private server: ChildProcess | undefined;

  constructor(readonly port: number) {
    this.base = `http://127.0.0.1:${port}`;
    this.work = mkdtempSync(join(tmpdir(), 'kubectl-oracle-'));
  }

  /** Start the server (`python3 ARGS…`) and wait until it answers. */
  async start(args: string[]): Promise<void> {
    this.server = spawn('python3', args, { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`${this.base}/api`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  stop(): void {
    this.server?.kill();
  }

  async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const r = await fetch(this.base + path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    return (await r.json()) as Record<string, unknown>;
  }

  /** Whether the last command read the served state after its time margin (retry with a larger one). */
  async late(): Promise<boolean> {
    const log = (await (await fetch(`${this.base}/__oracle/log`)).json()) as { late?: number };
    return !!log.late;
  }

  /** The real kubectl's stdout and stderr, as bytes read as latin1. */
  run(args: string[]): string {
    const p = spawnSync(KBIN as string, ['--cache-dir', join(this.work, 'cache'), '-s', this.base, ...args], {
      env: { ...process.env, HOME: this.work, TZ: 'Asia/Shanghai', KUBECONFIG: join(this.work, 'none') },
    });
    return Buffer.concat([p.stdout, p.stderr]).toString('latin1');
  }
}

/** oracle.py unshift_dates: RFC 1123Z dates in kubectl's output moved back by the served offset. */
export function unshift(text: string, offset: number): string {
  return text.replace(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)/g, (_m, _d, dd, mon, y, hh, mi, ss, sign, zh, zm) => {
    const t = Date.UTC(Number(y), MONTHS.indexOf(mon), Number(dd), Number(hh), Number(mi), Number(ss)) - offset * 1000;
    const l = new Date(t);
    const p2 = (n: number) => String(n).padStart(2, '0');
    return `${DAYS[l.getUTCDay()]}, ${p2(l.getUTCDate())} ${MONTHS[l.getUTCMonth()]} ${l.getUTCFullYear()} ${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}:${p2(l.getUTCSeconds())} ${sign}${zh}${zm}`;
  });
}
