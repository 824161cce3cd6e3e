/** Public entry of the definition language; every package imports from here. */
export const DEFINITIONS_LANGUAGE_VERSION = 1;
