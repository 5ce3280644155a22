/** One line of diagnostics; the CLI writes it to stderr, tests collect it. */
export type Log = (line: string) => void;

export function stderrLog(stderr: NodeJS.WritableStream): Log {
  return (line) => {
    stderr.write(`${line}\n`);
  };
}
