import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'INFO' | 'WARNING' | 'ERROR';

/** Where sync log lines go: `logs/sync_log.txt` and stdout, as the original specification asks. */
export interface SyncLogger {
  log(level: LogLevel, message: string): void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-10-20 14:30:00` in this machine's local time zone, as the original specification's log lines show a person's clock. */
export function localTimestamp(at: Date): string {
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  );
}

/** The original specification's line format: `2025-10-20 14:30:00 - INFO - Synced 15 expenses` (local time). */
export function formatLogLine(at: Date, level: LogLevel, message: string): string {
  return `${localTimestamp(at)} - ${level} - ${message}`;
}

/**
 * A logger writing each line to a file and to any other sinks. Messages are written as given: callers pass
 * only redacted URLs and never a credential (secrets never reach a log). The folder is made at the
 * first line, so a command that logs nothing leaves nothing behind.
 */
export function fileLogger(path: string, now: () => Date, ...sinks: ((line: string) => void)[]): SyncLogger {
  let folderMade = false;
  return {
    log(level, message) {
      const line = formatLogLine(now(), level, message);
      if (!folderMade) {
        mkdirSync(dirname(path), { recursive: true });
        folderMade = true;
      }
      appendFileSync(path, `${line}\n`);
      for (const sink of sinks) sink(line);
    },
  };
}

export const silentLogger: SyncLogger = { log: () => undefined };
