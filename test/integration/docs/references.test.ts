import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The design lives in the repository: docs/architecture.md, docs/domain.md and docs/adr/. A comment or doc that points
 * at a document outside the repository (the old baseline and reference notes) sends the next maintainer to a file
 * they do not have, and so does a link to a doc that was renamed or never written.
 */
const root = resolve(__dirname, '..', '..', '..');
const SELF = relative(root, __filename).split(sep).join('/');

/** Every tracked text file, with its text. */
function trackedFiles(): { path: string; text: string }[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0');
  return paths
    .filter((path) => path !== '' && path !== SELF && path !== 'package-lock.json' && existsSync(join(root, path)))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }))
    .filter(({ text }) => !text.includes('\0'));
}

const files = trackedFiles();

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** `path:line: match` for every match of the pattern in every tracked file that `accept` keeps. */
function findings(pattern: RegExp, accept: (match: RegExpMatchArray, path: string) => boolean = () => true): string[] {
  return files.flatMap(({ path, text }) =>
    [...text.matchAll(pattern)]
      .filter((match) => accept(match, path))
      .map((match) => `${path}:${lineOf(text, match.index)}: ${match[0]}`),
  );
}

describe('references in the repository', () => {
  it('reads the tracked files (a scan of nothing would prove nothing)', () => {
    const paths = files.map(({ path }) => path);
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/domain.md']));
    expect(paths.filter((path) => path.startsWith('src/')).length).toBeGreaterThan(100);
  });

  it('names no design document outside the repository (the old baseline, domain primer and reference notes)', () => {
    expect(
      findings(
        /\bARCHITECTURE\b|\bDOMAIN\.md\b|(?<![\w/])shared\/reference\/|stack-notes\.md|event-store-semantics\.md/g,
      ),
    ).toEqual([]);
  });

  it('has no absolute path of the build machines', () => {
    expect(findings(/(?<![\w.-])\/work\//g)).toEqual([]);
  });

  it('has no relative path that climbs out of the repository', () => {
    const outside = (match: RegExpMatchArray, path: string) => {
      const target = resolve(root, dirname(path), match[0]);
      return relative(root, target).startsWith('..');
    };
    expect(findings(/(?:\.\.\/)+[\w.-]+/g, outside)).toEqual([]);
  });

  it('mentions only docs that exist (docs/….md anywhere, and relative .md links in the docs)', () => {
    const missingFromRoot = findings(/(?<![\w/.-])docs\/[\w./-]*\.md\b/g, (match) => !existsSync(join(root, match[0])));
    const missingLinks = findings(/\]\((?!https?:|#)([^)\s#]+\.md)(?:#[^)]*)?\)/g, (match, path) => {
      return path.endsWith('.md') && !existsSync(resolve(root, dirname(path), match[1]!));
    });
    expect([...missingFromRoot, ...missingLinks]).toEqual([]);
  });
});
