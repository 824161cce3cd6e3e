import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Lets keep-alive clients go during shutdown. `server.close()` only closes connections idle at
 * that moment; one serving a request would then idle until keepAliveTimeout (5 s) and hold up
 * the exit. Nest calls this hook before closing the server: responses still being prepared,
 * and every later one, tell the client to close, so the server ends when in-flight work does.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown {
  private draining = false;
  private readonly pending = new Set<Response>();

  beforeApplicationShutdown(): void {
    this.draining = true;
    for (const res of this.pending) if (!res.headersSent) res.setHeader('connection', 'close');
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('connection', 'close');
    } else {
      this.pending.add(res);
      res.once('close', () => this.pending.delete(res));
    }
    next();
  };
}
