/**
 * Processes started from submissions: the outbox consumer, the process workers and the outcome
 * recorder. Only the Nest module is public.
 */
export { ProcessesModule } from './processes.module';
