import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'INFO' | 'WARNING' | 'ERROR';

/** Where sync log lines go: the seed's `logs/sync_log.txt` and stdout. */
export interface SyncLogger {
  log(level: LogLevel, message: string): void;
}

/** The seed's line format: `2025-10-20 14:30:00 - INFO - Synced 15 expenses` (UTC). */
export function formatLogLine(at: Date, level: LogLevel, message: string): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} - ${level} - ${message}`;
}

/**
 * A logger writing each line to a file and to any other sinks. Messages are written as given: callers pass
 * only redacted URLs and never a credential (DESIGN.md: secrets never reach a log).
 */
export function fileLogger(path: string, now: () => Date, ...sinks: ((line: string) => void)[]): SyncLogger {
  mkdirSync(dirname(path), { recursive: true });
  return {
    log(level, message) {
      const line = formatLogLine(now(), level, message);
      appendFileSync(path, `${line}\n`);
      for (const sink of sinks) sink(line);
    },
  };
}

export const silentLogger: SyncLogger = { log: () => undefined };
