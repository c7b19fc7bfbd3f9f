/**
 * Zod issues in FastAPI/pydantic vocabulary (`missing` / "Field required", `int_parsing`,
 * `string_too_short`, ...), so each dialect can write its 422 list the way its Orchestrator does.
 */
import type { z } from 'zod';

type Issue = z.ZodError['issues'][number];
export type Loc = (string | number)[];

/** One field problem, dialect-neutral; each dialect decides which keys it writes. */
export interface FieldProblem {
  type: string;
  loc: Loc;
  msg: string;
  /** The offending value (for `missing`, the object the field is missing from), as pydantic reports it. */
  input: unknown;
  ctx?: Record<string, unknown>;
}

export function describeIssues(issues: readonly Issue[], input: unknown): FieldProblem[] {
  return issues.map((issue) => describeIssue(issue, input));
}

function describeIssue(issue: Issue, root: unknown): FieldProblem {
  const loc = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const value = valueAt(root, loc);
  const problem = (type: string, msg: string, ctx?: Record<string, unknown>): FieldProblem =>
    ctx ? { type, loc, msg, input: value, ctx } : { type, loc, msg, input: value };

  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return { type: 'missing', loc, msg: 'Field required', input: valueAt(root, loc.slice(0, -1)) };
  }
  switch (issue.code) {
    case 'invalid_type':
      return typeProblem(issue.expected, value, problem);
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return problem('string_too_short', `String should have at least ${min} character${min === 1 ? '' : 's'}`, { min_length: min });
      if (issue.origin === 'array') return problem('too_short', `List should have at least ${min} item${min === 1 ? '' : 's'} after validation`, { min_length: min });
      return issue.inclusive
        ? problem('greater_than_equal', `Input should be greater than or equal to ${min}`, { ge: min })
        : problem('greater_than', `Input should be greater than ${min}`, { gt: min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return problem('string_too_long', `String should have at most ${max} character${max === 1 ? '' : 's'}`, { max_length: max });
      if (issue.origin === 'array') return problem('too_long', `List should have at most ${max} item${max === 1 ? '' : 's'} after validation`, { max_length: max });
      return issue.inclusive
        ? problem('less_than_equal', `Input should be less than or equal to ${max}`, { le: max })
        : problem('less_than', `Input should be less than ${max}`, { lt: max });
    }
    case 'invalid_value': {
      const expected = pythonChoice(issue.values.map((v) => `'${String(v)}'`));
      return issue.values.length === 1
        ? problem('literal_error', `Input should be ${expected}`, { expected })
        : problem('enum', `Input should be ${expected}`, { expected });
    }
    default:
      return problem('value_error', issue.message);
  }
}

function typeProblem(expected: string, value: unknown, problem: (type: string, msg: string) => FieldProblem): FieldProblem {
  switch (expected) {
    case 'int':
    case 'number':
      if (typeof value === 'number') return problem('int_from_float', 'Input should be a valid integer, got a number with a fractional part');
      if (typeof value === 'string') return problem('int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      return problem('int_type', 'Input should be a valid integer');
    case 'string':
      return problem('string_type', 'Input should be a valid string');
    case 'object':
    case 'record':
      return problem('dict_type', 'Input should be a valid dictionary');
    case 'array':
      return problem('list_type', 'Input should be a valid list');
    case 'boolean':
      return problem('bool_type', 'Input should be a valid boolean');
    default:
      return problem(`${expected}_type`, `Input should be a valid ${expected}`);
  }
}

/** "'a', 'b' or 'c'", as pydantic lists choices. */
function pythonChoice(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function valueAt(root: unknown, loc: Loc): unknown {
  let current: unknown = root;
  for (const key of loc) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Path segments that are not ints (e.g. `abc` in /droplets/abc): FastAPI's int_parsing. */
export function parsePathId(raw: string): number | null {
  if (!/^[+-]?\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

export function pathIdProblem(raw: string): FieldProblem {
  return { type: 'int_parsing', loc: ['path', 'droplet_id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw };
}
