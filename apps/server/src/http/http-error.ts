import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ErrorResponse } from '@exectree/domain';
import type { Log } from '../log.ts';

/** An error whose message is safe to show the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(res: Response, status: number, error: string): void {
  const body: ErrorResponse = { error };
  res.status(status).json(body);
}

export const apiNotFound: RequestHandler = (req, res) => {
  sendError(res, 404, `no route for ${req.method} ${req.path}`);
};

/** body-parser errors carry a status and a `type` code; anything else is our fault. */
function clientError(error: unknown): { status: number; type: string | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = 'status' in error ? error.status : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const type = 'type' in error && typeof error.type === 'string' ? error.type : undefined;
  return { status, type };
}

export function errorHandler(log: Log, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.message);
      return;
    }
    const client = clientError(error);
    if (client?.type === 'entity.too.large') {
      sendError(res, 413, `request body is larger than the limit of ${maxBodyBytes} bytes`);
    } else if (client?.type === 'charset.unsupported' || client?.type === 'encoding.unsupported') {
      sendError(res, 415, error instanceof Error ? error.message : 'unsupported encoding');
    } else if (client) {
      sendError(res, client.status, 'invalid request');
    } else {
      log(
        `http: ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendError(res, 500, 'internal server error');
    }
  };
}
