/** Every API route lives under `/api`, so front ends can own every other path. */
export const API_PREFIX = 'api';
