import { inSet, type CharSet, type PatternNode } from './pattern-ast';

/**
 * A Thompson NFA matched by simulating the set of live states (Russ Cox, "Regular Expression
 * Matching Can Be Simple And Fast"). Time is O(input length × states) whatever the input: there
 * is no backtracking, so no input can make a pattern slow.
 */

/** Upper bound on states, so `{m,n}` expansion cannot blow up memory or time. */
export const MAX_STATES = 1000;

const CHAR = 0;
const SPLIT = 1;
const ASSERT_START = 2;
const ASSERT_END = 3;
const MATCH = 4;

/** Thrown while building when the automaton would exceed `MAX_STATES`. */
export class TooManyStates extends Error {}

/** A compiled automaton: parallel arrays indexed by state number. */
export interface Nfa {
  readonly kind: Uint8Array;
  readonly out: Int32Array;
  readonly out2: Int32Array;
  readonly ascii: readonly (Uint8Array | undefined)[];
  readonly sets: readonly (CharSet | undefined)[];
  readonly start: number;
  /** True when every match must begin at offset 0 (the pattern starts with `^`). */
  readonly anchored: boolean;
}

/** Builds the automaton for a parsed pattern. */
export function buildNfa(node: PatternNode): Nfa {
  const kind: number[] = [];
  const out: number[] = [];
  const out2: number[] = [];
  const sets: (CharSet | undefined)[] = [];
  const add = (k: number, o = -1, o2 = -1, set?: CharSet): number => {
    if (kind.length >= MAX_STATES) throw new TooManyStates();
    kind.push(k);
    out.push(o);
    out2.push(o2);
    sets.push(set);
    return kind.length - 1;
  };
  /** Compiles `n` so that it continues at state `next`; returns its entry state. */
  const compile = (n: PatternNode, next: number): number => {
    switch (n.kind) {
      case 'char':
        return add(CHAR, next, -1, n.set);
      case 'empty':
        return next;
      case 'assert':
        return add(n.at === 'start' ? ASSERT_START : ASSERT_END, next);
      case 'sequence':
        return n.items.reduceRight((cont, item) => compile(item, cont), next);
      case 'alternation':
        return n.options
          .map((option) => compile(option, next))
          .reduceRight((rest, entry) => add(SPLIT, entry, rest));
      case 'repeat': {
        let cont = next;
        if (n.max === Infinity) {
          const loop = add(SPLIT, -1, next);
          out[loop] = compile(n.item, loop);
          cont = loop;
        } else {
          for (let i = n.min; i < n.max; i++) cont = add(SPLIT, compile(n.item, cont), next);
        }
        for (let i = 0; i < n.min; i++) cont = compile(n.item, cont);
        return cont;
      }
    }
  };
  const match = add(MATCH);
  const start = compile(node, match);
  const ascii = sets.map((set) => {
    if (!set) return undefined;
    const table = new Uint8Array(128);
    for (let code = 0; code < 128; code++) table[code] = inSet(set, code) ? 1 : 0;
    return table;
  });
  return {
    kind: Uint8Array.from(kind),
    out: Int32Array.from(out),
    out2: Int32Array.from(out2),
    ascii,
    sets,
    start,
    anchored: startsAnchored(node),
  };
}

function startsAnchored(node: PatternNode): boolean {
  if (node.kind === 'assert') return node.at === 'start';
  if (node.kind === 'sequence') return node.items[0] !== undefined && startsAnchored(node.items[0]);
  if (node.kind === 'alternation') return node.options.every(startsAnchored);
  return false;
}

/** Working memory for one simulation, allocated once per automaton and reused by every call. */
interface Scratch {
  current: Int32Array;
  next: Int32Array;
  readonly mark: Int32Array;
  readonly stack: Int32Array;
  generation: number;
}

const scratchOf = new WeakMap<Nfa, Scratch>();

/** Marks are Int32: restart the generations long before they could wrap around. */
const GENERATION_LIMIT = 0x3fffffff;

function scratchFor(nfa: Nfa, inputLength: number): Scratch {
  let scratch = scratchOf.get(nfa);
  if (scratch && scratch.generation + inputLength + 2 >= GENERATION_LIMIT) {
    scratch.mark.fill(0);
    scratch.generation = 0;
  }
  if (!scratch) {
    const size = nfa.kind.length;
    scratch = {
      current: new Int32Array(size),
      next: new Int32Array(size),
      mark: new Int32Array(size),
      stack: new Int32Array(size * 2 + 2),
      generation: 0,
    };
    scratchOf.set(nfa, scratch);
  }
  return scratch;
}

/**
 * Whether the automaton matches anywhere in `input` (like `RegExp.prototype.test`). The buffers are
 * reused across calls (JavaScript runs this to completion, so no two calls share them at once);
 * `generation` only grows, so marks from earlier calls never count as visited.
 */
export function runNfa(nfa: Nfa, input: string): boolean {
  const scratch = scratchFor(nfa, input.length);
  const { mark, stack } = scratch;
  const { kind, out, out2, ascii, sets, anchored } = nfa;
  let current = scratch.current;
  let next = scratch.next;
  let currentCount = 0;
  let nextCount = 0;
  const length = input.length;

  /** Adds `state` and its epsilon closure at offset `pos` to `next`; true when MATCH is reached. */
  const addClosure = (state: number, pos: number): boolean => {
    const generation = scratch.generation;
    let top = 0;
    stack[top++] = state;
    while (top > 0) {
      const s = stack[--top] as number;
      if (s < 0 || mark[s] === generation) continue;
      mark[s] = generation;
      switch (kind[s]) {
        case CHAR:
          next[nextCount++] = s;
          break;
        case SPLIT:
          stack[top++] = out2[s] as number;
          stack[top++] = out[s] as number;
          break;
        case ASSERT_START:
          if (pos === 0) stack[top++] = out[s] as number;
          break;
        case ASSERT_END:
          if (pos === length) stack[top++] = out[s] as number;
          break;
        default:
          return true;
      }
    }
    return false;
  };

  scratch.generation++;
  if (addClosure(nfa.start, 0)) return true;
  [current, next] = [next, current];
  currentCount = nextCount;
  nextCount = 0;
  for (let i = 0; i < length;) {
    const code = input.codePointAt(i) as number;
    const after = i + (code > 0xffff ? 2 : 1);
    scratch.generation++;
    for (let k = 0; k < currentCount; k++) {
      const s = current[k] as number;
      const hit =
        code < 128 ? (ascii[s] as Uint8Array)[code] === 1 : inSet(sets[s] as CharSet, code);
      if (hit && addClosure(out[s] as number, after)) return true;
    }
    if (!anchored && addClosure(nfa.start, after)) return true;
    [current, next] = [next, current];
    currentCount = nextCount;
    nextCount = 0;
    if (currentCount === 0 && anchored) return false;
    i = after;
  }
  return false;
}
