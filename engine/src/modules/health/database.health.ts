import { Injectable } from '@nestjs/common';
import {
  HealthIndicatorService,
  MongooseHealthIndicator,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { DatabaseTarget } from '../../database';

/** Ping timeout: long enough for a busy bridge, short enough for a load balancer's probe. */
const PING_TIMEOUT_MS = 1500;

/** The mongoose ping, reported together with which store answers it. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly mongoose: MongooseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly target: DatabaseTarget,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const ping = await this.mongoose.pingCheck(key, { timeout: PING_TIMEOUT_MS });
    const { status, ...details } = ping[key] ?? { status: 'down' };
    const indicator = this.indicators.check(key);
    const data = { kind: this.target.kind, ...details };
    return status === 'up' ? indicator.up(data) : indicator.down(data);
  }
}
