/** Logs go to stderr: stdout is the native messaging channel. Chrome shows stderr in its own log. */
export type Log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export function stderrLog(debug = false): Log {
  return (level, message) => {
    if (level === 'debug' && !debug) return;
    process.stderr.write(`[deskbridge-input ${new Date().toISOString()} ${level}] ${message}\n`);
  };
}

export const silentLog: Log = () => {};
