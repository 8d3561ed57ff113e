import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** HAProxy in front of hubs, started and stopped by the benchmark with a configuration it writes. */
export interface RunningHaproxy {
  readonly url: string;
  readonly pid: number;
  readonly config: string;
  stop(): Promise<void>;
}

export const HAPROXY = '/usr/sbin/haproxy';

/**
 * The configuration: HTTP mode with keep-alive both sides, round robin over the hubs, each checked at
 * /healthz (200 while its central store answers) and taken out of rotation when it fails.
 */
export function haproxyConfig(port: number, hubs: readonly URL[]): string {
  return [
    'global',
    '    maxconn 4096',
    '',
    'defaults',
    '    mode http',
    '    option http-keep-alive',
    '    timeout connect 5s',
    '    timeout client 60s',
    '    timeout server 60s',
    '',
    'frontend pfm_sync',
    `    bind 127.0.0.1:${port}`,
    '    default_backend pfm_hubs',
    '',
    'backend pfm_hubs',
    '    balance roundrobin',
    '    option httpchk GET /healthz',
    '    http-check expect status 200',
    ...hubs.map((u, i) => `    server hub${i + 1} ${u.host} check inter 2s fall 2 rise 1`),
    '',
  ].join('\n');
}

/** Start HAProxy in the foreground (-db) on 127.0.0.1:`port`; resolves once every hub answers through it. */
export async function startHaproxy(dir: string, port: number, hubs: readonly URL[]): Promise<RunningHaproxy> {
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install -y haproxy`);
  const config = haproxyConfig(port, hubs);
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const proxy = spawn(HAPROXY, ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proxy.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => proxy.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready when a round of requests, one per hub, all come back healthy.
  for (let attempt = 0; ; attempt++) {
    const answers = await Promise.all(
      hubs.map(() =>
        fetch(`${url}/healthz`)
          .then((r) => r.ok)
          .catch(() => false),
      ),
    );
    if (answers.every(Boolean)) break;
    if (attempt > 100 || proxy.exitCode !== null) {
      proxy.kill('SIGKILL');
      throw new Error(`HAProxy did not come up: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    url,
    pid: proxy.pid ?? 0,
    config,
    stop: async () => {
      proxy.kill('SIGTERM');
      await exited;
    },
  };
}
