/** What the rest of the engine may import from `common/filters/` (ADR 0015); the rest is internal. */
export { AllExceptionsFilter } from './all-exceptions.filter';
