import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX } from './api-prefix';

/** Built web apps served by the engine when present: URL prefix → directory under the repo. */
const FRONT_ENDS = [
  { name: 'designer', mount: '/', dir: 'designer/dist' },
  { name: 'runtime-miniapp (H5)', mount: '/m', dir: 'runtime-miniapp/dist' },
] as const;

/**
 * Serves each built front end that exists, with a single-page-app fallback to its index.html
 * for GET requests that accept HTML. `/api` is never shadowed. Returns the names served.
 */
export function mountFrontEnds(app: NestExpressApplication, staticRoot: string): string[] {
  const served: string[] = [];
  // Longest mount first, so `/m/...` is not answered by the designer at `/`.
  for (const frontEnd of [...FRONT_ENDS].sort((a, b) => b.mount.length - a.mount.length)) {
    const dir = join(staticRoot, frontEnd.dir);
    const index = join(dir, 'index.html');
    if (!existsSync(index)) continue;
    const files = serveStatic(dir, { index: 'index.html', fallthrough: true });
    const isApi = (req: Request) =>
      req.originalUrl === `/${API_PREFIX}` || req.originalUrl.startsWith(`/${API_PREFIX}/`);
    const otherMount = (req: Request) =>
      frontEnd.mount === '/' && (req.path === '/m' || req.path.startsWith('/m/'));
    app.use(frontEnd.mount, (req: Request, res: Response, next: NextFunction) => {
      if (isApi(req) || otherMount(req)) return next();
      files(req, res, () => {
        if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts('html'))
          res.sendFile(index);
        else next();
      });
    });
    served.push(`${frontEnd.name} at ${frontEnd.mount}`);
  }
  return served;
}
