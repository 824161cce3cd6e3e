const Sequencer = require('@jest/test-sequencer').default;

/** Lower first: the long, mostly waiting process suites, then the medium ones, units to fill the tail. */
const PROJECT_RANK = { process: 0, medium: 1, unit: 2 };

/**
 * Jest orders files by their last duration, which a fresh checkout (CI's clone) has not recorded;
 * it then falls back to file size and may start a 20-second SIGKILL suite last, leaving the other
 * worker idle. Without any recorded duration this orders by project first, then by size.
 */
class ProjectFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => PROJECT_RANK[test.context.config.displayName?.name] ?? 1;
    // Array.prototype.sort is stable: within a project the size order of super.sort stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = ProjectFirstSequencer;
