import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The problem codes the service's source can produce, found by reading the source (TypeScript's parser, no
 * execution), so that docs/api.md can be checked against them. A code is produced where
 *   - it is the code argument of a sink: `new NotFound(code, …)`, `new Gone(…)`, `new InvalidInput(…)`,
 *     `new DomainRuleViolation(…)`, `refuse(…)`, `new RefusalListingIds(…)`, `new ProblemException(status, code, …)`, the filter's
 *     `problem(status, code, …)`, or of a helper that passes one of its parameters on to a sink (found
 *     transitively: `notFound(code, detail)`);
 *   - a class of the error vocabulary passes it to `super('CODE', …)`;
 *   - an error class the problem-details filter recognises declares `readonly code = 'CODE'`;
 *   - an object literal says `code: 'CODE'`, or a status table maps a status to it (`404: 'NOT_FOUND'`).
 * A code argument is a string literal, a constant holding one (`const INVALID_INTAKE_DATA = '…'`, anywhere in
 * src/), or a choice between such (`a ? 'X' : 'Y'`, `a ?? 'X'`). `error.code` passes on a code produced elsewhere.
 * Anything else is reported as unresolved, so that a new way of throwing cannot hide a code.
 */
export interface ErrorCodeScan {
  /** Each code with the places (file:line) that produce it. */
  readonly codes: ReadonlyMap<string, readonly string[]>;
  /** Code arguments the scan could not resolve to literals (file:line and the expression). */
  readonly unresolved: readonly string[];
}

const SINKS: ReadonlyMap<string, number> = new Map([
  ['NotFound', 0],
  ['Gone', 0],
  ['InvalidInput', 0],
  ['DomainRuleViolation', 0],
  ['refuse', 0],
  ['RefusalListingIds', 0],
  ['ProblemException', 1],
  ['problem', 1],
]);

const VOCABULARY_BASES = new Set(['DomainError', 'NotFound', 'Gone', 'InvalidInput', 'DomainRuleViolation']);
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const FILTER = join('src', 'shared', 'http', 'problem-details.filter.ts');

export function scanErrorCodes(root: string): ErrorCodeScan {
  const files = sourceFiles(join(root, 'src')).map((path) => {
    const text = readFileSync(path, 'utf8');
    return ts.createSourceFile(relative(root, path), text, ts.ScriptTarget.ES2022, true);
  });
  const constants = stringConstants(files);
  const sinks = new Map(SINKS);
  discoverHelpers(files, sinks);
  const recognisedByFilter = instanceofClasses(files.find((file) => file.fileName === FILTER));

  const codes = new Map<string, string[]>();
  const unresolved: string[] = [];
  const add = (code: string, file: ts.SourceFile, node: ts.Node) => {
    const places = codes.get(code) ?? [];
    places.push(where(file, node));
    codes.set(code, places);
  };

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      const sinkArgument = codeArgument(node, sinks);
      if (sinkArgument !== undefined) {
        const found = resolve(sinkArgument, constants);
        if (found === undefined) unresolved.push(`${where(file, node)}: ${sinkArgument.getText(file)}`);
        else found.forEach((code) => add(code, file, node));
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const owner = enclosingClass(node);
        const first = node.arguments[0];
        if (owner !== undefined && first !== undefined && VOCABULARY_BASES.has(baseName(owner) ?? '')) {
          if (ts.isStringLiteral(first) && CODE.test(first.text)) add(first.text, file, node);
        }
      }
      if (ts.isPropertyDeclaration(node) && node.name.getText(file) === 'code' && node.initializer) {
        const owner = enclosingClass(node);
        if (owner?.name && recognisedByFilter.has(owner.name.text) && ts.isStringLiteral(node.initializer)) {
          add(node.initializer.text, file, node);
        }
      }
      if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.initializer) && CODE.test(node.initializer.text)) {
        const name = node.name;
        const isCodeField = (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'code';
        const isStatusEntry = ts.isNumericLiteral(name) && /^[45]\d\d$/.test(name.text);
        if (isCodeField || isStatusEntry) add(node.initializer.text, file, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { codes, unresolved };
}

/** The codes a doc lists: every `CODE` in the first column of the tables under the given heading. */
export function documentedCodes(markdown: string, heading: string): Set<string> {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`No section "${heading}"`);
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const codes = new Set<string>();
  for (const line of section.split('\n')) {
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) codes.add(match[1]!);
  }
  return codes;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function codeArgument(node: ts.Node, sinks: ReadonlyMap<string, number>): ts.Expression | undefined {
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
  const name = calleeName(node);
  const index = name === undefined ? undefined : sinks.get(name);
  return index === undefined ? undefined : node.arguments?.[index];
}

/** `const NAME = 'LITERAL'` anywhere in the source: constants are imported under their own names. */
function stringConstants(files: readonly ts.SourceFile[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const initializer = ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
        if (ts.isStringLiteral(initializer)) constants.set(node.name.text, initializer.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return constants;
}

/**
 * Functions that pass one of their parameters on as a sink's code become sinks themselves, with that parameter's
 * position, until no more are found (a helper of a helper).
 */
function discoverHelpers(files: readonly ts.SourceFile[], sinks: Map<string, number>): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const file of files) {
      const visit = (node: ts.Node): void => {
        const argument = codeArgument(node, sinks);
        if (argument !== undefined && ts.isIdentifier(argument)) {
          const fn = enclosingFunction(node);
          const index = fn?.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === argument.text);
          const name = fn === undefined ? undefined : functionName(fn);
          if (index !== undefined && index >= 0 && name !== undefined && !sinks.has(name)) {
            sinks.set(name, index);
            grew = true;
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
}

function resolve(expression: ts.Expression, constants: ReadonlyMap<string, string>): string[] | undefined {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return CODE.test(expression.text) ? [expression.text] : undefined;
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
    return resolve(expression.expression, constants);
  }
  if (ts.isIdentifier(expression)) {
    const value = constants.get(expression.text);
    if (value !== undefined) return CODE.test(value) ? [value] : undefined;
    // A helper's own parameter: its callers are scanned as sinks.
    const fn = enclosingFunction(expression);
    if (fn?.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === expression.text)) return [];
    return undefined;
  }
  if (ts.isConditionalExpression(expression)) {
    const whenTrue = resolve(expression.whenTrue, constants);
    const whenFalse = resolve(expression.whenFalse, constants);
    return whenTrue && whenFalse ? [...whenTrue, ...whenFalse] : undefined;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    const right = resolve(expression.right, constants);
    const left = resolve(expression.left, constants);
    return right && left ? [...left, ...right] : undefined;
  }
  // `error.code`, `exception.code`: a code produced elsewhere, passed on.
  if (ts.isPropertyAccessExpression(expression) && expression.name.text === 'code') return [];
  // `HTTP_${status}`: the filter's name for a status its table lacks, which no code of ours raises.
  if (ts.isTemplateExpression(expression)) return [];
  // `STATUS_CODES[status]`: a table whose entries are scanned as status entries.
  if (ts.isElementAccessExpression(expression)) return [];
  return undefined;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (
      ts.isFunctionDeclaration(current) ||
      ts.isFunctionExpression(current) ||
      ts.isArrowFunction(current) ||
      ts.isMethodDeclaration(current)
    ) {
      return current;
    }
  }
  return undefined;
}

function functionName(fn: FunctionLike): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) {
    return fn.name.text;
  }
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (ts.isClassLike(current)) return current;
  }
  return undefined;
}

function baseName(declaration: ts.ClassLikeDeclaration): string | undefined {
  const extendsClause = declaration.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  const base = extendsClause?.types[0]?.expression;
  return base && ts.isIdentifier(base) ? base.text : undefined;
}

function instanceofClasses(filter: ts.SourceFile | undefined): Set<string> {
  if (filter === undefined) throw new Error(`${FILTER} is missing`);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword &&
      ts.isIdentifier(node.right)
    ) {
      names.add(node.right.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(filter);
  return names;
}

function where(file: ts.SourceFile, node: ts.Node): string {
  return `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
}
