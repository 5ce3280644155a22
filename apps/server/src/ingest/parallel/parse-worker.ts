import { parentPort } from 'node:worker_threads';
import { parseBatch } from './parse-batch.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';

/** A parse worker: answers each batch of lines with its ParsedBatch, in the order received. */
const port = parentPort;
if (port === null) throw new Error('parse-worker.ts runs only as a worker thread');

port.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    const batch = parseBatch(request.texts);
    reply = { id: request.id, batch };
    port.postMessage(reply, [batch.kinds.buffer, batch.hashes.buffer]);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
// Until one worker says this, the pool parses in the calling thread.
const ready: ParseReply = { ready: true };
port.postMessage(ready);
