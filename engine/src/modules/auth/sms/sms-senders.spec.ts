import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import type { AppConfig } from '../../../config';
import { HttpSmsSender } from './http-sms-sender';
import { LogSmsSender } from './log-sms-sender';

describe('LogSmsSender', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given a code text, when sent, then one info line with the masked number and the text', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

    await new LogSmsSender().send('13412345678', 'code 123456');

    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toBe('SMS to 134****5678: code 123456');
  });
});

describe('HttpSmsSender', () => {
  let gateway: Server;
  let url: string;
  let status = 200;
  const received: { body: unknown; type: string | undefined }[] = [];

  beforeAll(async () => {
    gateway = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ body: JSON.parse(body), type: req.headers['content-type'] });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((listening) => gateway.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise((closed) => gateway.close(closed));
  });

  const sender = (target: string | undefined) =>
    new HttpSmsSender({ sms: { provider: 'http', url: target } } as AppConfig);

  it('given a gateway answering 200, when sent, then it received {phone, text} as JSON', async () => {
    status = 200;

    await sender(url).send('13412345678', 'code 123456');

    expect(received.at(-1)).toEqual({
      body: { phone: '13412345678', text: 'code 123456' },
      type: 'application/json',
    });
  });

  it('given a gateway answering 500, when sent, then 502 SMS_DELIVERY_FAILED', async () => {
    status = 500;

    const sending = sender(url).send('13412345678', 'code 123456');

    await expect(sending).rejects.toBeInstanceOf(ApiError);
    await expect(sending).rejects.toMatchObject({ code: 'SMS_DELIVERY_FAILED' });
    await expect(sending).rejects.toHaveProperty('status', 502);
  });

  it('given nothing listening, when sent, then 502 rather than a crash', async () => {
    await expect(sender('http://127.0.0.1:9/sms').send('13412345678', 'x')).rejects.toMatchObject({
      code: 'SMS_DELIVERY_FAILED',
    });
  });
});
