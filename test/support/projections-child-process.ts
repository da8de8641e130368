import { spawn, type ChildProcess } from 'node:child_process';
import { typeScriptEntry } from './typescript-process';

/** Runs a TypeScript file in a child Node process (compiled on the fly), talking to the parent over IPC. */
export function spawnTypeScriptChild(scriptPath: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, typeScriptEntry(scriptPath), {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message from the child that satisfies `accept`; rejects if the child exits first or on timeout. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => message is T,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no message from the child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (accept(message)) finish(undefined, message);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`the child exited (code ${code}, signal ${signal}) before sending the message`));
    function finish(error: Error | undefined, message?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
