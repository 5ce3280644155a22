import { once } from 'node:events';

const CHUNK_CHARS = 1 << 20;

/**
 * Writes each line plus "\n" in large chunks, waiting for 'drain' when the stream asks to.
 * Rejects on the first stream error.
 */
export async function writeLines(
  stream: NodeJS.WritableStream,
  lines: Iterable<string>,
): Promise<void> {
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    let chunk: string[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (failure !== undefined) throw failure;
      if (chunk.length === 0) return;
      const text = chunk.join('\n') + '\n';
      chunk = [];
      size = 0;
      // `once` also rejects if the stream emits 'error' while we wait.
      if (!stream.write(text)) await once(stream, 'drain');
      if (failure !== undefined) throw failure;
    };
    for (const line of lines) {
      chunk.push(line);
      size += line.length + 1;
      if (size >= CHUNK_CHARS) await flush();
    }
    await flush();
  } finally {
    stream.off('error', onError);
  }
}
